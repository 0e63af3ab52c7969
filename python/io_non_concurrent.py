"""I/O-bound, non-concurrent: one requests.Session, one download after another.

Usage: python io_non_concurrent.py URL...   (cargo xtask bench --python passes its local site's URLs)
"""
import sys
import time

import requests


def download_site(url, session):
    with session.get(url) as response:
        print(f"Read {len(response.content)} bytes from {url}")


def download_all_sites(sites):
    with requests.Session() as session:
        for url in sites:
            download_site(url, session)


if __name__ == "__main__":
    sites = sys.argv[1:]
    start_time = time.perf_counter()
    download_all_sites(sites)
    duration = time.perf_counter() - start_time
    print(f"Downloaded {len(sites)} sites in {duration} seconds")
