"""Launches the subscriber ETL pipeline and keeps watching it (see the Dockerfile)."""
import logging
import os
import time

logging.basicConfig(level=logging.INFO)
log = logging.getLogger(os.environ.get("logger_name", "etl_launch_pipeline"))
while True:
    log.info("watching bucket %s", os.environ["bucket_source"])
    time.sleep(60)
