#!/bin/sh
# A command that exists only in a layer: /opt/bin is on PATH.
echo "tool from the layer"
