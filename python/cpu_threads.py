"""CPU-bound, multi-threaded: a pool of 5 threads. The GIL runs one at a time: no speed-up."""
import concurrent.futures
import sys
import time


def fibonacci(n):
    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 35
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    start_time = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
        results = list(executor.map(fibonacci, [n] * count))
    duration = time.perf_counter() - start_time
    print(f"fib({n}) = {results[0]}, {len(results)} times")
    print(f"Computed in {duration} seconds")
