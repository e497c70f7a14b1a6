# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Finds OpenLDAP's client library and provides the imported target Ldap::Ldap.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(PC_LDAP QUIET ldap)
endif()
find_path(Ldap_INCLUDE_DIR ldap.h HINTS ${PC_LDAP_INCLUDE_DIRS})
find_library(Ldap_LIBRARY NAMES ldap HINTS ${PC_LDAP_LIBRARY_DIRS})
find_library(Lber_LIBRARY NAMES lber HINTS ${PC_LDAP_LIBRARY_DIRS})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Ldap REQUIRED_VARS Ldap_LIBRARY Lber_LIBRARY Ldap_INCLUDE_DIR
                                  VERSION_VAR PC_LDAP_VERSION)
if(Ldap_FOUND AND NOT TARGET Ldap::Ldap)
    add_library(Ldap::Ldap UNKNOWN IMPORTED)
    set_target_properties(Ldap::Ldap PROPERTIES
        IMPORTED_LOCATION "${Ldap_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${Ldap_INCLUDE_DIR}"
        INTERFACE_LINK_LIBRARIES "${Lber_LIBRARY}"
        INTERFACE_COMPILE_DEFINITIONS "LDAP_DEPRECATED=0")
endif()
mark_as_advanced(Ldap_INCLUDE_DIR Ldap_LIBRARY Lber_LIBRARY)
