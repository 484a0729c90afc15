#!/usr/bin/env bash
# Renders DIR/report.html (written by `personas segment --out DIR`) to DIR/report.png with headless
# Chromium: the whole page, 1400 pixels wide, so a person can look at the report as a reader would.
# Usage: scripts/render-report.sh DIR
#
# Chromium first measures the page (a throwaway wrapper loads the report in a frame and prints its
# height), then takes the screenshot at that height. Nothing is fetched from the network: the
# report is self-contained.
set -euo pipefail

dir=${1:?usage: scripts/render-report.sh DIR}
width=1400
[[ -f $dir/report.html ]] || { echo "render-report: $dir/report.html not found (run personas segment --out $dir first)" >&2; exit 1; }

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [[ -z $browser ]] && command -v apt-get >/dev/null 2>&1; then
    echo "render-report: installing chromium (apt-get install -y chromium)" >&2
    sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq chromium >/dev/null
    command -v chromium >/dev/null 2>&1 && browser=chromium
fi
[[ -n $browser ]] || { echo "render-report: chromium is not installed (apt-get install -y chromium)" >&2; exit 1; }

folder=$(cd "$dir" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
headless=("$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$scratch/profile")

cat > "$scratch/measure.html" <<HTML
<!DOCTYPE html><html><head><title>0</title></head><body style="margin:0">
<iframe id="report" src="file://$folder/report.html" style="width:${width}px;height:100px;border:0"></iframe>
<script>
document.getElementById("report").onload = function () {
  document.title = String(this.contentDocument.documentElement.scrollHeight);
};
</script></body></html>
HTML
height=$("${headless[@]}" --allow-file-access-from-files --virtual-time-budget=10000 --dump-dom \
    "file://$scratch/measure.html" 2>/dev/null | sed -n 's:.*<title>\([0-9][0-9]*\)</title>.*:\1:p' | head -n 1)
if [[ -z $height || $height -lt 200 ]]; then
    echo "render-report: could not measure the page; rendering 9000 pixels" >&2
    height=9000
fi

"${headless[@]}" --window-size="$width,$height" --screenshot="$folder/report.png" "file://$folder/report.html" >/dev/null 2>&1
[[ -s $folder/report.png ]] || { echo "render-report: $browser wrote no image" >&2; exit 1; }
echo "wrote $folder/report.png ($width × $height)"
