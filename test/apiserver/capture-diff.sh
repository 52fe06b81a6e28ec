#!/bin/sh
# kubectl diff's diff program (KUBECTL_EXTERNAL_DIFF): keeps a copy of the LIVE and MERGED folders kubectl compares
# (it deletes them when done) in $STRIMZI_CDK8S_DIFF_CAPTURE, then diffs them as kubectl's default program does.
cp -R "$1" "$STRIMZI_CDK8S_DIFF_CAPTURE/live" && cp -R "$2" "$STRIMZI_CDK8S_DIFF_CAPTURE/merged" || exit 2
exec diff -u -N "$1" "$2"
