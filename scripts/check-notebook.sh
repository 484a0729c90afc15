#!/usr/bin/env bash
# Checks notebooks-export/: the committed notebook must equal a fresh export from the bundled sample
# (run after `make notebook`), validate against the nbformat schema, and run top to bottom with
# nbclient. Python packages go into .venv-notebook (nbformat, nbclient, ipykernel, pandas, and nbconvert
# for scripts/check-notebook-html.sh, from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."

notebook=notebooks-export/hcp-sample.ipynb
venv=.venv-notebook

if ! git diff --quiet -- "$notebook"; then
    echo "error: $notebook differs from a fresh export; run \`make notebook\` and commit it:" >&2
    git --no-pager diff --stat -- "$notebook" >&2
    exit 1
fi

if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv --help >/dev/null 2>&1; then
        sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq python3 python3-venv
    fi
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check nbformat nbclient ipykernel pandas nbconvert
fi

"$venv/bin/python" - "$notebook" <<'PY'
import sys
import nbformat
from nbclient import NotebookClient

path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
nbformat.validate(notebook)
code = sum(cell.cell_type == "code" for cell in notebook.cells)
charts = sum(1 for cell in notebook.cells for output in cell.get("outputs", []) if "image/svg+xml" in output.get("data", {}))
print(f"{path}: valid nbformat {notebook.nbformat}.{notebook.nbformat_minor}, {len(notebook.cells)} cells, "
      f"{code} code cells, {charts} embedded charts")
NotebookClient(notebook, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": "notebooks-export"}}).execute()
print(f"{path}: every code cell ran without error")
PY
