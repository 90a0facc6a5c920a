#!/bin/sh
# Start disclosure-report from its bundle (the folder this script is in).
# The Qt in the bundle has no fcitx input-method plugin. Where fcitx is the
# input method, Chinese could not be typed; fcitx5 also speaks the ibus
# protocol, so ask Qt for ibus instead (fcitx 4 needs its ibus frontend).
here=$(dirname "$(readlink -f "$0")")

uses_fcitx() {
    case "${QT_IM_MODULE:-}:${XMODIFIERS:-}:${GTK_IM_MODULE:-}" in
        fcitx*|*:@im=fcitx*|*:fcitx*) return 0 ;;
        *) return 1 ;;
    esac
}

has_fcitx_plugin() {
    for plugin in "$here"/_internal/PySide6/Qt/plugins/platforminputcontexts/*fcitx*; do
        [ -e "$plugin" ] && return 0
    done
    return 1
}

case "${QT_IM_MODULE:-}" in
    ""|fcitx*)
        if uses_fcitx && ! has_fcitx_plugin; then
            QT_IM_MODULE=ibus
            export QT_IM_MODULE
        fi
        ;;
esac
exec "$here/disclosure-report" "$@"
