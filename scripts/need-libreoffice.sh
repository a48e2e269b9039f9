# Sourced by the scripts that compare with LibreOffice: makes sure soffice is there, installing
# LibreOffice Writer when the script was given --install, else stopping with a message.
need_libreoffice() {
  command -v soffice >/dev/null 2>&1 && return 0
  if [ "${1:-}" = "--install" ]; then
    echo "installing LibreOffice Writer"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui </dev/null
  else
    echo "LibreOffice (soffice) is not installed; run with --install to install it" >&2
    exit 2
  fi
}
