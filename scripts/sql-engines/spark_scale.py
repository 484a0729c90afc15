#!/usr/bin/env python3
"""Scores a large generated CSV in Spark SQL (local mode) with `personas export-sql --dialect spark`.

Spark reads the CSV with the schema's native types, writes it as Parquet, then runs the exported
query on the Parquet table (every row computed, nothing kept) and prints rows per second. With
--assigned (the CSV `personas assign` wrote for the same rows) it also joins the two results and
counts the rows whose segment differs.

Usage: spark_scale.py CSV SCHEMA QUERY PARQUET_DIR [--assigned assigned.csv]
"""

import argparse
import json
import time

from pyspark.sql import SparkSession
from pyspark.sql import types as T

NATIVE = {"numeric": T.DoubleType(), "integer": T.DoubleType(), "boolean": T.StringType(), "date": T.DateType()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("schema")
    parser.add_argument("query")
    parser.add_argument("parquet")
    parser.add_argument("--assigned")
    arguments = parser.parse_args()
    spark = (SparkSession.builder.master("local[*]").appName("personas-sql-scale")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.memory", "6g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")

    with open(arguments.schema, encoding="utf-8") as handle:
        columns = json.load(handle)["columns"]
    header = spark.read.option("header", "true").csv(arguments.csv).columns
    types = {c["name"]: NATIVE.get(c["type"], T.StringType()) for c in columns}
    schema = T.StructType([T.StructField(name, types.get(name, T.StringType())) for name in header])

    start = time.perf_counter()
    spark.read.option("header", "true").schema(schema).csv(arguments.csv).write.mode("overwrite").parquet(arguments.parquet)
    written = time.perf_counter() - start
    table = spark.read.parquet(arguments.parquet)
    rows = table.count()
    table.createOrReplaceTempView("customers")
    print(f"spark {spark.version}: CSV to Parquet, {rows:,} rows: {written:.1f} s")

    with open(arguments.query, encoding="utf-8") as handle:
        query = handle.read()
    start = time.perf_counter()
    spark.sql(query).write.format("noop").mode("overwrite").save()
    scored = time.perf_counter() - start
    print(f"spark SQL scoring (export-sql --dialect spark) on Parquet, {rows:,} rows: {scored:.1f} s, "
          f"{rows / scored:,.0f} rows/s")

    if arguments.assigned:
        assigned = spark.read.option("header", "true").csv(arguments.assigned)
        key = assigned.columns[0]
        result = spark.sql(query)
        joined = result.join(assigned.selectExpr(f"`{key}`", "CAST(segment AS INT) AS expected"), key)
        differ = joined.where("segment IS NULL OR segment <> expected").count()
        print(f"rows whose Spark segment differs from personas assign: {differ:,} of {joined.count():,}")
    spark.stop()


if __name__ == "__main__":
    main()
