#!/bin/sh
# tests/xs/xsd.sh - a private instance of Xen's own C xenstored for tests,
# running without a hypervisor (tests/xs/xsd_preload.c stands in for the
# few hypervisor calls it makes at start).
#
#   eval "$(tests/xs/xsd.sh start DIR [XENSTORED-OPTION...])"
#       Starts the daemon in DIR (created if missing; its socket is
#       DIR/socket, its pid file DIR/pid, its log DIR/xenstored.log), waits
#       until the socket answers, and prints the lines to eval:
#           export XENSTORED_PATH='DIR/socket'
#           export XENSTORED_RUNDIR='DIR'
#       Extra options go to xenstored (e.g. -M 24 for a path limit).
#       DIR must be short: a unix socket path holds at most 107 bytes.
#   tests/xs/xsd.sh home DIR DOMID
#       Creates /local/domain/DOMID as a toolstack does before the guest
#       runs: owned by domain 0, readable by the guest (n0,rDOMID).
#   tests/xs/xsd.sh stop DIR
#       Stops the daemon by its pid (SIGTERM, then SIGKILL after 2 s) and
#       removes its socket.  Quiet and successful when nothing runs.
#
# Finding the preload library, first match wins:
#   $XSD_PRELOAD                        an absolute path to the .so
#   $BUILD/xs/xsd_preload.so            BUILD as given to make (relative
#                                       to the checkout, or absolute)
#   <checkout>/build/xs/xsd_preload.so  make's default BUILD
# Build it with `make BUILD=... ` (it is part of `all`).
# The daemon is $XENSTORED, default /usr/lib/xen-4.17/bin/xenstored.
# Exit status: 0 ok, 2 bad usage, 3 the daemon did not start or stop.
set -u

XSD_BIN=${XENSTORED:-/usr/lib/xen-4.17/bin/xenstored}
XSD_TOP=$(cd "$(dirname "$0")/../.." && pwd)

xsd_die() {
	echo "xsd.sh: $2" >&2
	exit "$1"
}

xsd_preload() {
	if [ -n "${XSD_PRELOAD:-}" ]; then
		so=$XSD_PRELOAD
	else
		b=${BUILD:-build}
		case $b in /*) ;; *) b=$XSD_TOP/$b ;; esac
		so=$b/xs/xsd_preload.so
	fi
	[ -f "$so" ] || xsd_die 3 "preload library $so not found (build it: make BUILD=${BUILD:-build}, or set XSD_PRELOAD)"
	echo "$so"
}

xsd_stop() {
	dir=$1
	[ -f "$dir/pid" ] || return 0
	pid=$(cat "$dir/pid" 2>/dev/null)
	case $pid in ''|*[!0-9]*) rm -f "$dir/pid"; return 0 ;; esac
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.02; i=$((i + 1))
		done
		if kill -0 "$pid" 2>/dev/null; then
			kill -KILL "$pid" 2>/dev/null
			sleep 0.05
		fi
	fi
	rm -f "$dir/pid" "$dir/socket" "$dir/socket_ro"
	return 0
}

xsd_start() {
	dir=$1; shift
	[ -x "$XSD_BIN" ] || xsd_die 3 "xenstored not found at $XSD_BIN (Debian package xen-utils-4.17)"
	so=$(xsd_preload) || exit 3
	mkdir -p "$dir" || xsd_die 3 "cannot create $dir"
	dir=$(cd "$dir" && pwd)
	[ ${#dir} -le 100 ] || xsd_die 2 "directory path too long for a unix socket: $dir"
	xsd_stop "$dir"
	# dom0's event channel port and ring page, as /proc/xen would give them.
	echo 1 >"$dir/xsd_port"
	: >"$dir/xsd_kva" && truncate -s 4096 "$dir/xsd_kva"
	rm -f "$dir/socket"
	XENSTORED_RUNDIR=$dir XENSTORED_PATH=$dir/socket LD_PRELOAD=$so \
		"$XSD_BIN" -N -F "$dir/pid" "$@" </dev/null >"$dir/xenstored.log" 2>&1 &
	i=0
	until [ -S "$dir/socket" ] && XENSTORED_PATH=$dir/socket xenstore-exists / 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 250 ] || ! kill -0 $! 2>/dev/null; then
			kill -KILL $! 2>/dev/null
			xsd_die 3 "xenstored did not answer on $dir/socket; its log: $(tail -n 5 "$dir/xenstored.log")"
		fi
		sleep 0.02
	done
	# -F writes the pid file; make sure it names the process we started.
	echo $! >"$dir/pid"
	echo "export XENSTORED_PATH='$dir/socket'"
	echo "export XENSTORED_RUNDIR='$dir'"
}

xsd_home() {
	dir=$1 domid=$2
	case $domid in ''|*[!0-9]*) xsd_die 2 "bad domid '$domid'" ;; esac
	home=/local/domain/$domid
	XENSTORED_PATH=$dir/socket xenstore-write "$home" "" &&
	XENSTORED_PATH=$dir/socket xenstore-chmod "$home" n0 "r$domid" ||
		xsd_die 3 "cannot create $home in the daemon at $dir/socket"
}

[ $# -ge 2 ] || xsd_die 2 "usage: xsd.sh start DIR [XENSTORED-OPTION...] | home DIR DOMID | stop DIR"
cmd=$1; shift
case $cmd in
start) xsd_start "$@" ;;
stop)  [ $# -eq 1 ] || xsd_die 2 "usage: xsd.sh stop DIR"; xsd_stop "$1" ;;
home)  [ $# -eq 2 ] || xsd_die 2 "usage: xsd.sh home DIR DOMID"; xsd_home "$1" "$2" ;;
*)     xsd_die 2 "unknown command '$cmd' (start, home, stop)" ;;
esac
