#!/bin/sh
. /usr/share/warden/lib.sh
say hanging
while :; do sleep 1; done
