# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# updraft_add_test(NAME SOURCES … LINK … [LABELS …] [WRAPPER CMD…]): one QtTest executable, registered with CTest,
# run offscreen in a temp dir of its own. WRAPPER runs it through a command that sets up its environment, e.g.
# tests/servers/keyring/run.sh (a private session bus with a keyring): CTest runs `CMD… /path/to/test`.
function(updraft_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LINK;LABELS;WRAPPER" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LINK})
    set(tmp "${CMAKE_CURRENT_BINARY_DIR}/${name}.tmp")
    if(ARG_WRAPPER)
        add_test(NAME ${name} COMMAND ${ARG_WRAPPER} $<TARGET_FILE:${name}>)
    else()
        add_test(NAME ${name} COMMAND ${name})
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TMPDIR=${tmp};XDG_CONFIG_HOME=${tmp}/config;XDG_DATA_HOME=${tmp}/data;UPDRAFT_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
    file(MAKE_DIRECTORY "${tmp}")
endfunction()

# updraft_add_test_variant(TEST VARIANT ENV…): the executable of updraft_add_test(TEST) registered once more as
# TEST_VARIANT, with ENV (e.g. UPDRAFT_TEST_SCIM_OPTIONS=--strict) added to its environment.
function(updraft_add_test_variant name variant)
    set(tmp "${CMAKE_CURRENT_BINARY_DIR}/${name}_${variant}.tmp")
    add_test(NAME ${name}_${variant} COMMAND ${name})
    get_test_property(${name} TIMEOUT timeout)
    get_test_property(${name} LABELS labels)
    set_tests_properties(${name}_${variant} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TMPDIR=${tmp};XDG_CONFIG_HOME=${tmp}/config;XDG_DATA_HOME=${tmp}/data;UPDRAFT_SOURCE_DIR=${PROJECT_SOURCE_DIR};${ARGN}"
        TIMEOUT ${timeout}
        LABELS "${labels};${variant}")
    file(MAKE_DIRECTORY "${tmp}")
endfunction()
