#!/bin/sh
# Writes an OPERATOR token to /var/lib/onsale/token/operator-token now and every 30 minutes: each lives one hour, so
# Prometheus (which reads the file at every scrape) always has a valid one. Written beside and renamed, so a scrape
# never reads half a token. A token that cannot be minted (ONSALE_JWT_SECRET missing or shorter than 32 bytes) stops
# the container, which says why in its log.
set -eu
out=/var/lib/onsale/token/operator-token
trap 'exit 0' TERM INT
while true; do
  java -jar /opt/onsale/loadgen.jar token --operator prometheus >"$out.next"
  mv -f "$out.next" "$out"
  sleep 1800 &
  wait $!
done
