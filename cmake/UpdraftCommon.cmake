# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the language level, warnings and strict Qt defines for every target.
set(CMAKE_AUTOMOC ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(updraft_common INTERFACE)
add_library(Updraft::Common ALIAS updraft_common)
target_compile_features(updraft_common INTERFACE cxx_std_20)
target_compile_options(updraft_common INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
target_compile_definitions(updraft_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_URL_CAST_FROM_STRING
    UPDRAFT_VERSION="${PROJECT_VERSION}")
