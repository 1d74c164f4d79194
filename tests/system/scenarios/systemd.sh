#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# systemd: the package on a systemd system (issue 21).  Debian's arm64
# systemd is PID 1 (scripts/mksysdguest.sh) and this script runs as a
# service once the boot is done.
# - At boot, warden.service (enabled, as the package's postinst leaves it)
#   loaded the module with modprobe from where dkms installs it, enabled
#   Warden with /etc/warden/system.cell and started the two cells of
#   /etc/warden/cells.
# - `systemctl stop` shuts the cells down and disables Warden; start brings
#   both back.
# - A system config that the driver refuses leaves the unit failed, the
#   reason in its journal, and Linux running.
# - `dpkg -i` installs the package with its maintainer scripts, and does
#   not restart a running Warden; `dpkg -r` stops Warden before its files
#   go and keeps the cells file; `dpkg --purge` removes that and the unit's
#   enablement; `dpkg -i` then enables the unit (deb-systemd-helper) and
#   does not start it.
# - At power-off, systemd stops warden.service before Linux goes:
#   warden-test-shutdown.service, ordered before it, reports after it.
# guest: systemd
# gics: 3
# expect-serial: ^\[shutdown\] after warden\.service stopped: Warden enabled=0, 0 cells, unit inactive$
. /usr/share/warden/lib.sh

DEB=$(ls /root/warden_*_arm64.deb)
# Debian's dpkg: busybox's sh runs its own applets before $PATH, and it has
# a dpkg applet
DPKG=/usr/bin/dpkg

# jmark: said looks only at what warden.service logs from now on
W_JMARK=0
jmark() {
	W_JMARK=$(journalctl -b --no-pager -o cat -u warden.service | wc -l)
}

# said TEXT: warden.service's journal, since this boot or the last jmark,
# has TEXT (its last lines are shown)
said() {
	journalctl -b --no-pager -o cat -u warden.service |
		tail -n +$((W_JMARK + 1)) > /tmp/journal
	tail -n 6 /tmp/journal
	grep -qF -- "$1" /tmp/journal
}

# cells_running N: N cells besides the root, each running
cells_running() {
	warden cell list > /tmp/cells || return 1
	sed '/^$/q' /tmp/cells
	[ "$(awk '$1 ~ /^[0-9]+$/ && $2 != "root" && $3 == "running"' /tmp/cells |
		wc -l)" -eq "$1" ]
}

# unit_is STATE: warden.service is in STATE (active, inactive, failed)
unit_is() {
	_st=$(systemctl is-active warden.service)
	echo "warden.service: $_st"
	[ "$_st" = "$1" ]
}

require "PID 1 is systemd" sh -c '[ "$(cat /proc/1/comm)" = systemd ]'
check_v "the boot reached multi-user.target" systemctl is-active multi-user.target
check_v "no unit failed" sh -c '
	systemctl --failed --no-legend --plain | tee /tmp/failed
	[ ! -s /tmp/failed ]'

step "at boot"
check_v "warden.service is active" unit_is active
check_v "it loaded the module dkms installs" sh -c "
	modinfo -n warden && [ -d /sys/module/warden ] &&
	modinfo -n warden | grep -q '/updates/dkms/warden.ko\$'"
check_v "Warden is enabled, with /etc/warden/system.cell" sysfs_is enabled 1
check_v "the two cells of /etc/warden/cells run" cells_running 2
check_v "gic-demo prints" cell_wait_for gic-demo "GICv$WARDEN_GIC, timer"
check_v "its journal says so" \
	said "Warden enabled with /etc/warden/system.cell, 2 cell(s) started"
check_v "the unit ran after systemd-modules-load and local-fs" sh -c '
	systemctl show -p After warden.service | tee /dev/stderr |
		grep -q systemd-modules-load.service'

step "systemctl stop and start"
jmark
check_v "systemctl stop warden" systemctl stop warden
check_v "the unit is inactive" unit_is inactive
check_v "Warden is disabled" sysfs_is enabled 0
check_v "its journal says so" said "warden-service: Warden disabled"
check_v "systemctl start warden" systemctl start warden
check_v "the cells run again" cells_running 2

step "a failed enable"
check_v "systemctl stop warden" systemctl stop warden
cp "$(readlink -f /etc/warden/system.cell)" /tmp/good.cell
# hypervisor_memory.phys_start and .virt_start (offsets 16 and 24) moved
# to 0x50000000, inside Linux's RAM: the config check refuses it
cp /tmp/good.cell /tmp/overlap.cell
for off in 16 24; do
	printf '\000\000\000\120\000\000\000\000' |
		dd of=/tmp/overlap.cell bs=1 seek=$off conv=notrunc 2> /dev/null
done
ln -sf /tmp/overlap.cell /etc/warden/system.cell
jmark
check_fails "systemctl start warden fails" "" systemctl start warden
check_v "the unit is failed" unit_is failed
check_v "its journal gives the reason" said "overlap"
check_v "and that Linux keeps running" said "Warden not enabled, Linux keeps running"
check_v "Warden is not enabled" sysfs_is enabled 0
check_v "Linux runs on, all its CPUs online" sh -c '
	cat /sys/devices/system/cpu/online; [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]'
ln -sf /tmp/good.cell /etc/warden/system.cell
check_v "after the config is fixed, it starts" sh -c "
	systemctl reset-failed warden && systemctl start warden"
check_v "the cells run" cells_running 2

step "dpkg -i, -r, --purge"
check_v "dpkg -i $(basename "$DEB") over the image's files" \
	$DPKG -i --force-confold "$DEB"
check_v "dpkg has it installed" sh -c "$DPKG -s warden | grep -F 'Status: install ok installed'"
check_v "Warden still runs (the package does not restart it)" cells_running 2
jmark
check_v "dpkg -r warden, while Warden runs" $DPKG -r warden
check_v "it stopped Warden first" sysfs_is enabled 0
check_v "through warden.service" said "warden-service: Warden disabled"
check_v "the files are gone, the conffile kept" sh -c "
	[ ! -e /usr/sbin/warden ] && [ ! -e /lib/systemd/system/warden.service ] &&
	[ -f /etc/warden/cells ] && $DPKG -s warden | grep -F 'Status: deinstall ok config-files'"
cp /etc/warden/cells /tmp/cells
WANTS=/etc/systemd/system/multi-user.target.wants/warden.service
check_v "dpkg --purge warden" $DPKG --purge warden
check_v "the unit's enablement and the cells file are gone" sh -c "
	[ ! -e /etc/warden/cells ] && [ ! -L $WANTS ] && ! $DPKG -s warden"
check_v "dpkg -i $(basename "$DEB")" $DPKG -i "$DEB"
check_v "the postinst enabled warden.service" sh -c "
	ls -l $WANTS && systemctl is-enabled warden.service | grep -qx enabled"
check_v "but did not start it" unit_is inactive
check_v "it installed its own cells file" sh -c "
	! grep -v '^#' /etc/warden/cells | grep -q ."
cp /tmp/cells /etc/warden/cells
check_v "with the cells file back, systemctl start warden" systemctl start warden
check_v "the cells run" cells_running 2
say "powering off with Warden and its cells running: systemd stops warden.service"
finish
