"""Copies the objects of one Cloud Storage bucket to another (see the Dockerfile)."""
import logging
import os

logging.basicConfig(level=logging.INFO)
log = logging.getLogger(os.environ.get("logger_name", "gs_to_gs"))
log.info("copying from bucket %s", os.environ["bucket_source"])
