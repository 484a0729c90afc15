#!/usr/bin/env bash
# Checks that data text stays text when the notebook becomes a web page: segments a small CSV whose
# levels and column name hold HTML/script payloads, converts its notebook.ipynb with
# `jupyter nbconvert --to html`, and fails if the page holds a <script> element with a payload,
# an element with an onerror attribute, or an <img> from the data (parsed with Python's html.parser).
# When headless Chromium is installed (/usr/bin/chromium), the page is also rendered and the DOM
# it ends with is checked the same way, plus no mark a payload would have left (data-pwned).
# Python packages come from .venv-notebook (scripts/check-notebook.sh builds it; nbconvert is added
# here if missing). Uses .build/release/personas (`make build`), or $PERSONAS.
set -euo pipefail
cd "$(dirname "$0")/.."

personas=${PERSONAS:-.build/release/personas}
venv=.venv-notebook
[ -x "$personas" ] || { echo "error: $personas not found; run \`make build\` first" >&2; exit 1; }
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check nbformat nbclient ipykernel pandas nbconvert
fi
"$venv/bin/python" -c "import nbconvert" 2>/dev/null \
    || "$venv/bin/pip" install -q --disable-pip-version-check nbconvert

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 80 customers in two groups; the payloads are what a level or a column name could hold.
"$venv/bin/python" - "$work/hostile.csv" <<'PY'
import csv, sys
hyperlink = '=HYPERLINK("http://x","click")'
image = "<img src=x onerror=alert(1)>"
mark = "<img src=x onerror=document.body.dataset.pwned=1>"
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["id", "kind", "<script>alert(1)</script>", "channel", "visits"])
    for i in range(80):
        a = i < 40
        out.writerow([f"C{1000 + i}", hyperlink if a else image, (20 if a else 4) + i % 3,
                      mark if a else "plain", (i * 13) % 17])
PY

if ! PERSONAS_NO_REEXEC=1 "$personas" segment "$work/hostile.csv" --k 2 --seed 1 --quiet --out "$work/seg" \
    >"$work/segment.log" 2>&1; then
    cat "$work/segment.log" >&2
    exit 1
fi
"$venv/bin/jupyter" nbconvert --to html --log-level ERROR "$work/seg/notebook.ipynb" --output-dir "$work/html"
page="$work/html/notebook.html"

check() {  # check FILE WHAT: fails on a live payload in the HTML of FILE
    "$venv/bin/python" - "$1" "$2" <<'PY'
import sys
from html.parser import HTMLParser

path, what = sys.argv[1], sys.argv[2]

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.in_script, self.text = [], False, []

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): value for name, value in attrs}
        for name, value in names.items():
            if name == "onerror" or (name.startswith("on") and ("alert(" in (value or "") or "pwned" in (value or ""))):
                self.problems.append(f"<{tag}> with {name}={value!r}")
        if tag == "img" and names.get("src") == "x":
            self.problems.append("<img src=x> from the data")
        if tag == "body" and "data-pwned" in names:
            self.problems.append("a payload ran: <body data-pwned>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and ("alert(" in data or "pwned" in data):
            self.problems.append(f"<script> holding {data.strip()[:60]!r}")
        self.text.append(data)

page = Page()
page.feed(open(path, encoding="utf-8").read())
text = "".join(page.text)
# The payloads did reach the page, as text.
for shown in ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '=HYPERLINK("http://x","click")']:
    if shown not in text:
        page.problems.append(f"the text {shown!r} is missing: the check did not exercise it")
if page.problems:
    print(f"error: {what}: " + "; ".join(page.problems), file=sys.stderr)
    sys.exit(1)
print(f"{what}: data payloads are text, no script or handler from the data")
PY
}

check "$page" "nbconvert --to html"

chromium=/usr/bin/chromium
if [ -x "$chromium" ]; then
    # The page asks for MathJax and require.js from a CDN; offline those fail fast. The virtual
    # time budget lets any handler run before the DOM is dumped; timeout bounds a stuck browser.
    if timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --virtual-time-budget=5000 --user-data-dir="$work/chromium" --dump-dom "file://$page" \
        >"$work/dom.html" 2>"$work/chromium.log"; then
        check "$work/dom.html" "Chromium's rendered DOM"
    else
        echo "error: headless Chromium failed or timed out rendering $page:" >&2
        tail -5 "$work/chromium.log" >&2
        exit 1
    fi
else
    echo "skipped: the rendered-DOM check needs headless Chromium at $chromium"
fi
