"""CPU-bound, non-concurrent: fib(N) by naive recursion, COUNT times (default 35 and 20)."""
import sys
import time


def fibonacci(n):
    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 35
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    start_time = time.perf_counter()
    results = [fibonacci(n) for _ in range(count)]
    duration = time.perf_counter() - start_time
    print(f"fib({n}) = {results[0]}, {len(results)} times")
    print(f"Computed in {duration} seconds")
