# Personas: set-up, demo, tests and benchmarks. `make demo` and `make test` are the README's
# two commands; both install missing system packages first (scripts/setup.sh).

SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin
SWIFT ?= swift
PERSONAS := .build/release/personas
SAMPLE := examples/hcp-sample.csv
OUT ?= out/hcp-sample
BENCH_OUT ?= out/bench
FIXTURE_PYTHON := .venv-fixtures/bin/python

.PHONY: setup build demo report-png test sql-engines sql-engines-setup sql-spark sql-spark-10m bench bench-ci bench-pipeline bench-10m notebook notebook-check docs sample fixtures help-fixtures peers peers-gmm fuzz fuzz-build sanitize-thread sanitize-address clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product personas

SEGMENT_SAMPLE := $(PERSONAS) segment $(SAMPLE) --schema examples/hcp-sample.schema.json --k 2...10 --seed 1 --force

## The main job on the bundled sample.
demo: build
	$(PERSONAS) inspect $(SAMPLE) --schema examples/hcp-sample.schema.json
	$(SEGMENT_SAMPLE) --out $(OUT)/segments
	$(PERSONAS) hclust $(SAMPLE) --schema examples/hcp-sample.schema.json --method ward --k 6 --force --out $(OUT)/ward

## The demo's report as a person sees it: out/hcp-sample/segments/report.html rendered by headless
## Chromium to report.png beside it (runs the demo first when its report is missing).
report-png:
	@[ -f $(OUT)/segments/report.html ] || $(MAKE) demo
	scripts/render-report.sh $(OUT)/segments

## The test suite. It also needs LibreOffice (headless Calc, about 87 MB to download, 270 MB
## installed), which recalculates the typing-tool workbook's formulas in the tests, and unzip, which
## reads the workbook's XML.
test:
	@scripts/setup.sh libreoffice-calc-nogui unzip
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## The scoring SQL in real engines (scripts/sql-engines/run.py): SQLite, DuckDB, PostgreSQL (a
## throwaway cluster on a unix socket) and Spark SQL in local mode run `export-sql` and
## `typing-tool.sql` on the sample and on a table of hostile names and levels, each loaded natively
## typed and as all text, and every row must equal `personas assign` / `personas type`. Needs Python:
## scripts/sql-engines/setup.sh installs PostgreSQL and OpenJDK 17 and a git-ignored venv .venv-sql
## with pinned DuckDB, PySpark and psycopg (SQL_ENGINES narrows the run).
SQL_PYTHON := .venv-sql/bin/python
SQL_ENGINES ?= sqlite,duckdb,postgres,spark

sql-engines-setup:
	@scripts/sql-engines/setup.sh

sql-engines: build sql-engines-setup
	$(SQL_PYTHON) scripts/sql-engines/run.py --personas $(PERSONAS) --engines $(SQL_ENGINES)

## Spark SQL alone (the slowest engine to start).
sql-spark: build sql-engines-setup
	$(SQL_PYTHON) scripts/sql-engines/run.py --personas $(PERSONAS) --engines spark

## Scale: 10,000,000 generated customers scored by Spark SQL local (Parquet written by Spark from
## the CSV) with the sample model's `export-sql --dialect spark`, beside `personas assign` on the
## same rows; prints rows per second of each and the rows whose segments differ.
sql-spark-10m: build sql-engines-setup
	@mkdir -p $(BENCH_OUT)
	@[ -f $(BENCH_OUT)/hcp-10m.csv ] || $(PERSONAS) generate --rows 10000000 --seed 10 \
		--out $(BENCH_OUT)/hcp-10m.csv --schema-out $(BENCH_OUT)/hcp-10m.schema.json
	$(PERSONAS) segment $(SAMPLE) --schema examples/hcp-sample.schema.json --k 6 --seed 1 --quiet --force --out $(BENCH_OUT)/sql-model
	$(PERSONAS) export-sql $(BENCH_OUT)/sql-model/model.json --dialect spark --out $(BENCH_OUT)/sql-model/model-spark.sql
	/usr/bin/time -f "personas assign, 10,000,000 rows: %e s wall, %M KB peak resident" \
		$(PERSONAS) assign $(BENCH_OUT)/sql-model/model.json $(BENCH_OUT)/hcp-10m.csv --out $(BENCH_OUT)/assigned-10m.csv
	/usr/bin/time -f "spark (start, CSV to Parquet, scoring, check): %e s wall, %M KB peak resident (Python driver)" \
		$(SQL_PYTHON) scripts/sql-engines/spark_scale.py $(BENCH_OUT)/hcp-10m.csv $(BENCH_OUT)/hcp-10m.schema.json \
		$(BENCH_OUT)/sql-model/model-spark.sql $(BENCH_OUT)/hcp-10m.parquet --assigned $(BENCH_OUT)/assigned-10m.csv

## Every benchmark (package-benchmark, release build, in Benchmarks/).
bench: setup
	cd Benchmarks && $(SWIFT) package benchmark

## A short benchmark run for CI: every target, few iterations.
bench-ci: setup
	cd Benchmarks && CI=true $(SWIFT) package benchmark --no-progress

## Issue 22's goals: `personas segment` with every default (k 2...10, stability, gap statistic,
## typing tool, reports, notebook) on 1,000,000 and 200,000 generated customers x 30 columns, and
## `--method ward` / `--method hybrid` with k 2...8 on 25,000; each run 3 times under /usr/bin/time,
## the median wall time and the peak resident memory printed against the goal (under 60 s and
## 4 GB; under 15 s; under 15 s).
bench-pipeline: build
	sh scripts/bench-pipeline.sh $(PERSONAS) $(BENCH_OUT)/pipeline

## Scale: `personas kmeans` on 10,000,000 generated customers (a 1 GB CSV) in memory, in float32,
## then mini-batch k-means over the same rows; prints wall time and peak resident memory of each.
bench-10m: build
	@mkdir -p $(BENCH_OUT)
	@[ -f $(BENCH_OUT)/hcp-10m.csv ] || $(PERSONAS) generate --rows 10000000 --seed 10 \
		--out $(BENCH_OUT)/hcp-10m.csv --schema-out $(BENCH_OUT)/hcp-10m.schema.json
	/usr/bin/time -f "personas kmeans, 10,000,000 rows, float32: %e s wall, %M KB peak resident" \
		$(PERSONAS) kmeans $(BENCH_OUT)/hcp-10m.csv --schema $(BENCH_OUT)/hcp-10m.schema.json --k 8 --n-init 1 \
		--float32 --seed 1 --out $(BENCH_OUT)/kmeans-10m
	/usr/bin/time -f "personas kmeans --algorithm minibatch, 10,000,000 rows: %e s wall, %M KB peak resident" \
		$(PERSONAS) kmeans $(BENCH_OUT)/hcp-10m.csv --schema $(BENCH_OUT)/hcp-10m.schema.json --k 8 \
		--algorithm minibatch --float32 --seed 1 --out $(BENCH_OUT)/minibatch-10m

## notebooks-export/: the sample's segmentation as a Jupyter notebook (reads the folder in out/).
notebook: build
	$(SEGMENT_SAMPLE) --quiet --out $(OUT)/segments
	$(PERSONAS) notebook $(OUT)/segments --out notebooks-export/hcp-sample.ipynb

## CI: the committed notebook equals a fresh export, validates with nbformat and runs with nbclient;
## a notebook from hostile data, converted by nbconvert (and rendered by Chromium when installed),
## holds no live script or handler.
notebook-check: notebook
	scripts/check-notebook.sh
	scripts/check-notebook-html.sh

## DocC: one catalog per library module (Sources/MODULE/MODULE.docc), built with swift-docc-plugin
## into out/docs/MODULE.doccarchive; warnings (an unresolved symbol link, say) fail the target.
DOC_MODULES := PersonasNumerics PersonasData PersonasClustering PersonasProfiles PersonasSegmentation PersonasReports PersonasWorkbook PersonasFiles
docs: setup
	@mkdir -p out/docs
	@for m in $(DOC_MODULES); do rm -rf out/docs/$$m.doccarchive; \
	    $(SWIFT) package --allow-writing-to-directory out/docs generate-documentation --target $$m \
	        --warnings-as-errors --output-path out/docs/$$m.doccarchive || exit 1; \
	done

## Fuzzing (Fuzz/: libFuzzer with AddressSanitizer): the CSV and .npy readers, the schema, model.json
## and typing-tool loaders, each for FUZZ_SECONDS in turn; crashes in fuzz-artifacts/ (README, "Fuzzing").
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= FuzzCSV FuzzNPY FuzzSchema FuzzModel FuzzTypingTool

# `--sanitize=fuzzer` tells SwiftPM to link libFuzzer's main; the Swift driver keeps only the last
# `-sanitize=` it is given, so fuzzer and address go to swiftc as one flag, and to clang (the C
# kernels) as -Xcc. (`--sanitize=fuzzer --sanitize=address` would build Swift code without coverage.)
FUZZ_BUILD_FLAGS := -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address

fuzz-build: setup
	$(SWIFT) build --package-path Fuzz $(FUZZ_BUILD_FLAGS)

fuzz: fuzz-build
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

## The test suite under ThreadSanitizer or AddressSanitizer, each built in its own scratch folder so
## the normal .build stays valid; SANITIZE_FILTER narrows the run (a `swift test --filter` pattern).
## A race or a memory error fails the run (the sanitizers' exit status). No suppressions are needed:
## OpenBLAS runs single-threaded inside ParallelFor's chunks (BLASRuntime), so it starts no threads
## whose accesses could race, and ParallelFor runs its workers on threads ThreadSanitizer can see.
## Leak checking at exit is off for the suite: it reports objects still held by globals whose Swift
## enum payloads carry tag bits in the pointer (a global Result<Data, …>, which a conservative scan
## cannot follow) and FoundationXML's node cycles (the report tests parse SVG), not leaks of the
## library; the fuzzers check for leaks after every input of the readers.
SANITIZE_FILTER ?=
sanitize_filter = $(if $(SANITIZE_FILTER),--filter '$(SANITIZE_FILTER)')

sanitize-thread: setup
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan $(sanitize_filter)

sanitize-address: setup
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan $(sanitize_filter)

## Peers (scikit-learn, fastcluster, FAISS, pandas) and Personas on the same files, side by side.
peers: build
	scripts/peers/compare.sh

## Gaussian mixture EM, scikit-learn and Personas on the same file from the same start, per iteration.
peers-gmm:
	scripts/peers/gmm.sh

## Regenerates the bundled sample and its schema.
sample: build
	$(PERSONAS) generate --rows 5000 --seed 20251122 --out $(SAMPLE) --schema-out examples/hcp-sample.schema.json --force

## Regenerates the reference fixtures with SciPy / scikit-learn (needs network once for PyPI) and R's mclust.
fixtures:
	test -x $(FIXTURE_PYTHON) || (python3 -m venv .venv-fixtures && $(FIXTURE_PYTHON) -m pip install -q numpy scipy scikit-learn pandas stepmix)
	$(FIXTURE_PYTHON) Tests/Fixtures/numerics/make_random_reference.py
	$(FIXTURE_PYTHON) Tests/Fixtures/csv/make_generated_cases.py
	$(FIXTURE_PYTHON) Tests/Fixtures/preparation/make_preparation_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/npy/make_npy_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/kmeans/make_kmeans_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/hierarchical/make_linkage_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/hierarchical/make_tie_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/hierarchical/make_gower_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/typing-tool/make_lda_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/comparison/make_assignment_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/profiles/make_effect_size_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/mixtures/make_gmm_fixtures.py
	$(FIXTURE_PYTHON) Tests/Fixtures/mixtures/make_latent_class_fixtures.py
	command -v Rscript >/dev/null || apt-get install -y r-cran-mclust
	Rscript Tests/Fixtures/mixtures/make_mclust_fixtures.R

## Rewrites Tests/Fixtures/help/ (every `--help` text, which the suite compares byte for byte) from
## the built binary; review the diff before committing it.
help-fixtures: setup
	$(SWIFT) build --build-tests
	PERSONAS_UPDATE_HELP=1 $(SWIFT) test --skip-build --filter HelpTextCLITests

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build .build-tsan .build-asan out
