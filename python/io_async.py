"""I/O-bound, asynchronous: one task per download on asyncio, one aiohttp session.

aiohttp's default connector allows 100 connections at once, so 160 downloads go out in two waves.
"""
import asyncio
import sys
import time

import aiohttp


async def download_site(session, url):
    async with session.get(url) as response:
        content = await response.read()
        print(f"Read {len(content)} bytes from {url}")


async def download_all_sites(sites):
    async with aiohttp.ClientSession() as session:
        tasks = [asyncio.ensure_future(download_site(session, url)) for url in sites]
        await asyncio.gather(*tasks, return_exceptions=True)


if __name__ == "__main__":
    sites = sys.argv[1:]
    start_time = time.perf_counter()
    asyncio.run(download_all_sites(sites))
    duration = time.perf_counter() - start_time
    print(f"Downloaded {len(sites)} sites in {duration} seconds")
