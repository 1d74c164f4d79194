# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for the scripts that pack initramfs archives (sourced by
# scripts/mkinitramfs.sh and scripts/mkcellinitramfs.sh).
#
#   cpio_pack [--console]   the current directory as a newc cpio archive on
#                           stdout, sorted, owned by root; with --console a
#                           second archive follows with /dev/console in it
#                           (the kernel opens it for init's stdin and stdout
#                           before /init runs, and making the node needs no
#                           mknod, so no root).  Pipe into gzip -9 -n.

# newc_entry NAME MODE RDEVMAJOR RDEVMINOR INO: one newc cpio header and its
# name, written by hand.  Fields: ino mode uid gid nlink mtime filesize
# devmajor devminor rdevmajor rdevminor namesize check.
newc_entry() {
	local name=$1 mode=$2 rmaj=$3 rmin=$4 ino=$5
	local namesize=$((${#name} + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		"$ino" "$mode" 0 0 1 0 0 0 0 "$rmaj" "$rmin" "$namesize" 0
	printf '%s\0' "$name"
	# header (110 bytes) plus name, padded to a multiple of 4
	head -c $(((4 - (110 + namesize) % 4) % 4)) /dev/zero
}

cpio_pack() {
	find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet
	if [ "${1:-}" = --console ]; then
		# The kernel reads concatenated archives.
		newc_entry dev/console $((8#020600)) 5 1 $((0x7fff0001))
		newc_entry TRAILER!!! 0 0 0 0
	fi
}
