#!/usr/bin/env bash
# Example task (disabled by default): prints what it would clean and exits.
echo "Would remove temporary files older than 7 days in $(pwd)"
