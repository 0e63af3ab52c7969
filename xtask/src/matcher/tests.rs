//! The matcher against the real catalogue and snapshots: every legitimate interleaving passes, and
//! each regression the verify issue names fails with a reason that says what went wrong.

use super::check;
use crate::catalogue::{self, Program};
use crate::snapshot;

const PARENT: u32 = 100;

fn program(name: &str) -> Program {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    catalogue::load(root)
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
}

/// Checks `output` against `name`'s committed snapshot.
fn verdict(name: &str, output: &[String]) -> Result<(), String> {
    let program = program(name);
    let text = std::fs::read_to_string(program.snapshot_path()).unwrap();
    let expected = snapshot::parse(&text).output;
    let output: Vec<&str> = output.iter().map(String::as_str).collect();
    check(&program.lines, &expected, &output, PARENT)
}

fn fails_with(name: &str, output: &[String], reason: &str) {
    match verdict(name, output) {
        Ok(()) => panic!("{name}: this output passed but must fail:\n{}", output.join("\n")),
        Err(why) => assert!(
            why.contains(reason),
            "{name}: expected a reason with `{reason}`, got: {why}"
        ),
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// fork-count output as the book shows it, with children 101..=105.
fn fork_count() -> Vec<String> {
    let mut out: Vec<String> = (101..=105).map(|pid| format!("Process {pid} spawned")).collect();
    out.push("Main process exiting.".into());
    for i in 0..5 {
        out.extend((101..=105).map(|pid| format!("[{pid}] => {i}")));
    }
    out
}

fn thread_count() -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..5 {
        out.extend((0..5).map(|id| format!("[{id}] => {i}")));
    }
    out.push("Main thread exiting.".into());
    out
}

/// Interleavings that keep each speaker's order: a seeded shuffle of whole speakers' queues.
fn interleave(streams: Vec<Vec<String>>, seed: u64) -> Vec<String> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut queues: Vec<std::collections::VecDeque<String>> = streams.into_iter().map(Into::into).collect();
    let mut out = Vec::new();
    while queues.iter().any(|q| !q.is_empty()) {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let live: Vec<usize> = (0..queues.len()).filter(|&i| !queues[i].is_empty()).collect();
        let pick = live[(state >> 33) as usize % live.len()];
        out.push(queues[pick].pop_front().unwrap());
    }
    out
}

#[test]
fn accepts_the_book_order_and_every_interleaving_of_processes() {
    assert_eq!(verdict("fork_count", &fork_count()), Ok(()));
    let parent: Vec<String> = fork_count().into_iter().take(6).collect();
    for seed in 0..200 {
        let mut streams = vec![parent.clone()];
        streams.extend((101..=105).map(|pid| (0..5).map(|i| format!("[{pid}] => {i}")).collect()));
        let output = interleave(streams, seed);
        assert_eq!(
            verdict("fork_count", &output),
            Ok(()),
            "seed {seed}:\n{}",
            output.join("\n")
        );
    }
}

#[test]
fn accepts_every_interleaving_of_threads_before_the_last_line() {
    for seed in 0..200 {
        let streams = (0..5)
            .map(|id| (0..5).map(|i| format!("[{id}] => {i}")).collect())
            .collect();
        let mut output = interleave(streams, seed);
        output.push("Main thread exiting.".into());
        assert_eq!(verdict("thread_count", &output), Ok(()), "seed {seed}");
    }
}

#[test]
fn accepts_a_child_that_speaks_before_its_parent() {
    let output = lines(
        "Hello from child 101\nHello from parent 100 101\nHello from parent 100 102\nHello from child 102\n\
         Hello from child 103\nHello from parent 100 103",
    );
    assert_eq!(verdict("fork1", &output), Ok(()));
    let threads = lines("Hello from thread 2\nHello from thread 1\nHello from thread 4\nHello from thread 3");
    assert_eq!(verdict("thread1", &threads), Ok(()));
}

#[test]
fn a_child_that_returns_into_the_parents_loop() {
    // Without _exit, child 101 goes back to the loop, reports a child of its own and reads input.
    let output = lines(
        "Hello from parent 100 101\nHello from child 101\nHello from parent 101 104\nHello from child 104\n\
         Hello from parent 100 102\nHello from child 102\nHello from parent 100 103\nHello from child 103",
    );
    fails_with("fork1", &output, "is 100, the process verify started, not 101");
    // fork_count's children go on forking: more "spawned" lines than five.
    let mut output = fork_count();
    output.insert(6, "Process 106 spawned".into());
    fails_with("fork_count", &output, "extra line");
}

#[test]
fn a_missing_or_extra_line() {
    let mut output = fork_count();
    output.retain(|l| l != "[103] => 2");
    fails_with(
        "fork_count",
        &output,
        "line 3 should be `[<CHILD3>] => 2` but is `[103] => 3`",
    );
    let mut output = fork_count();
    output.retain(|l| l != "[103] => 4");
    fails_with(
        "fork_count",
        &output,
        "printed 4 of its 5 lines: missing `[<CHILD3>] => 4`",
    );
    let mut output = thread_count();
    output.insert(3, "[2] => 0".into());
    fails_with(
        "thread_count",
        &output,
        "2's line 2 should be `[2] => 1` but is `[2] => 0`",
    );
    let mut output = thread_count();
    output.insert(24, "[2] => 4".into());
    fails_with(
        "thread_count",
        &output,
        "2 printed 6 lines, not 5: extra line 25, `[2] => 4`",
    );
    let mut output = thread_count();
    output.insert(3, "[5] => 0".into());
    fails_with("thread_count", &output, "the snapshot has no such speaker");
    fails_with(
        "thread1",
        &lines("Hello from thread 1\nHello from thread 2\nHello from thread 3"),
        "missing",
    );
    let stray =
        lines("Hello from thread 1\nHello from thread 2\nHello from thread 3\nHello from thread 4\nhello");
    fails_with("thread1", &stray, "has none of the shapes");
}

#[test]
fn a_count_off_by_one() {
    let output: Vec<String> = fork_count().iter().map(|l| l.replace("=> 4", "=> 5")).collect();
    fails_with("fork_count", &output, "5 where 4 belongs");
    let mut output = thread_count();
    output.insert(25, "[4] => 5".into());
    fails_with("thread_count", &output, "extra line");
}

#[test]
fn a_counter_out_of_order() {
    let mut output = thread_count();
    let (one, two) = (
        output.iter().position(|l| l == "[3] => 1").unwrap(),
        output.iter().position(|l| l == "[3] => 2").unwrap(),
    );
    output.swap(one, two);
    fails_with(
        "thread_count",
        &output,
        "3's line 2 should be `[3] => 1` but is `[3] => 2`",
    );
    let mut output = fork_count();
    let (one, two) = (
        output.iter().position(|l| l == "[102] => 0").unwrap(),
        output.iter().position(|l| l == "[102] => 3").unwrap(),
    );
    output.swap(one, two);
    fails_with("fork_count", &output, "3 where 0 belongs");
}

#[test]
fn a_child_that_prints_a_pid_other_than_the_one_reported() {
    // Child 102 prints its parent's pid (getppid by mistake).
    let output = lines(
        "Hello from parent 100 101\nHello from child 101\nHello from parent 100 102\nHello from child 100\n\
         Hello from parent 100 103\nHello from child 103",
    );
    fails_with("fork1", &output, "");
    // Child 102 prints some unrelated pid.
    let output = lines(
        "Hello from parent 100 101\nHello from child 101\nHello from parent 100 102\nHello from child 999\n\
         Hello from parent 100 103\nHello from child 103",
    );
    fails_with("fork1", &output, "printed 0 of its 1 lines");
    // Two children claim the same pid.
    let output: Vec<String> = fork_count()
        .iter()
        .map(|l| l.replace("Process 102", "Process 101"))
        .collect();
    fails_with("fork_count", &output, "must be different processes");
}

#[test]
fn the_wrong_parm_through_exec() {
    let output = lines(
        "Child is 101\nHello from child 101 1\nChild is 102\nHello from child 102 1\nChild is 103\nHello from child 103 3",
    );
    fails_with("fork_exec", &output, "1 where 2 belongs");
    let right = lines(
        "Child is 101\nHello from child 101 1\nChild is 102\nHello from child 102 2\nChild is 103\nHello from child 103 3",
    );
    assert_eq!(verdict("fork_exec", &right), Ok(()));
    // A parm printed by a pid that fork_exec never reported.
    let output = lines(
        "Child is 101\nHello from child 101 1\nChild is 102\nHello from child 104 2\nChild is 103\nHello from child 103 3",
    );
    fails_with("fork_exec", &output, "");
}

#[test]
fn main_exiting_too_early() {
    let mut output = thread_count();
    let last = output.pop().unwrap();
    output.insert(20, last);
    fails_with(
        "thread_count",
        &output,
        "must come after every other line, but line 22, `[0] => 4`, came later",
    );
    // Early exit ends the process: the threads' last lines never appear.
    let mut output = thread_count();
    output.drain(20..25);
    fails_with("thread_count", &output, "missing `[0] => 4`");
}

#[test]
fn the_lone_child_is_the_process_verify_started() {
    assert_eq!(verdict("child", &lines("Hello from child 100 7")), Ok(()));
    fails_with("child", &lines("Hello from child 101 7"), "<PID> is 100");
    fails_with("child", &lines("Hello from child 100 8"), "8 where 7 belongs");
    fails_with("child", &lines("Hello from child 100"), "has none of the shapes");
    fails_with("child", &[], "printed 0 of its 1 lines");
}

#[test]
fn placeholders_are_bound_by_trying_each_speaker_when_no_line_names_them() {
    use crate::shape::LineShapes;
    // Nothing but the speakers' own lines name these pids, so the matcher must search.
    let shapes = LineShapes::new(&["[{by pid}] => {n}".to_string()], None).unwrap();
    let expected = lines("[<CHILD1>] => 0\n[<CHILD1>] => 1\n[<CHILD2>] => 0");
    let ok = ["[7] => 0", "[8] => 0", "[8] => 1"];
    assert_eq!(check(&shapes, &expected, &ok, PARENT), Ok(()));
    let bad = ["[7] => 0", "[8] => 1", "[8] => 0"];
    assert!(check(&shapes, &expected, &bad, PARENT).is_err());
}

/// Ten threads counting 0..=99 in a seeded interleaving, then the last line.
fn ten_threads(seed: u64) -> Vec<String> {
    let streams = (0..10)
        .map(|id| (0..100).map(|i| format!("[{id}] => {i}")).collect())
        .collect();
    let mut output = interleave(streams, seed);
    output.push("Main thread exiting.".into());
    output
}

#[test]
fn a_folded_snapshot_still_checks_every_line() {
    for name in ["thread_count_wait1", "thread_count_wait2", "thread_classes"] {
        for seed in 0..20 {
            assert_eq!(verdict(name, &ten_threads(seed)), Ok(()), "{name} seed {seed}");
        }
        let mut output = ten_threads(1);
        output.retain(|l| l != "[7] => 42");
        fails_with(
            name,
            &output,
            "7's line 43 should be `[7] => 42` but is `[7] => 43`",
        );
        let mut output = ten_threads(2);
        let (a, b) = (
            output.iter().position(|l| l == "[3] => 98").unwrap(),
            output.iter().position(|l| l == "[3] => 99").unwrap(),
        );
        output.swap(a, b);
        fails_with(name, &output, "3's line 99 should be `[3] => 98`");
        let mut output = ten_threads(3);
        output.insert(990, "Main thread exiting.".into());
        fails_with(name, &output, "must come after every other line");
    }
}

#[test]
fn a_lost_update_count_is_accepted_only_in_its_true_range() {
    for count in ["200", "199", "150", "2"] {
        assert_eq!(verdict("thread_add_random", &lines(count)), Ok(()), "{count}");
    }
    for count in ["201", "1", "0"] {
        fails_with("thread_add_random", &lines(count), "has none of the shapes");
    }
    for name in ["thread_add_synch", "thread_add_atomic"] {
        assert_eq!(verdict(name, &lines("200")), Ok(()));
        fails_with(name, &lines("199"), "199 where 200 belongs");
    }
}

/// The 16 queue messages in a seeded order, each taken by consumer 0 or 1.
fn queue_messages(seed: u64) -> Vec<String> {
    let streams = (0..4)
        .flat_map(|p| {
            (0..4).map(move |c| {
                vec![format!(
                    "consumer {} got => [producer id={p}, count={c}]",
                    (p + c + seed) % 2
                )]
            })
        })
        .collect();
    let mut output = interleave(streams, seed);
    output.push("Main thread exit.".into());
    output
}

#[test]
fn every_queue_message_is_consumed_exactly_once_in_any_order() {
    for name in ["queuetest", "queuetest2"] {
        for seed in 0..50 {
            assert_eq!(verdict(name, &queue_messages(seed)), Ok(()), "{name} seed {seed}");
        }
        let mut output = queue_messages(4);
        output.insert(3, "consumer 1 got => [producer id=2, count=1]".into());
        fails_with(name, &output, "extra line");
        let mut output = queue_messages(5);
        output.retain(|l| !l.ends_with("[producer id=3, count=3]"));
        fails_with(
            name,
            &output,
            "missing `consumer <0..=1> got => [producer id=3, count=3]`",
        );
        let mut output = queue_messages(6);
        output[0] = output[0]
            .replacen("consumer 0", "consumer 2", 1)
            .replacen("consumer 1", "consumer 2", 1);
        fails_with(name, &output, "has none of the shapes");
        let mut output = queue_messages(7);
        let last = output.pop().unwrap();
        output.insert(10, last);
        fails_with(name, &output, "must come after every other line");
    }
}

fn downloads(order: impl Iterator<Item = usize>, done: usize) -> Vec<String> {
    let mut output: Vec<String> = order
        .map(|i| format!("Read 10240 bytes from http://127.0.0.1:40123/{i}"))
        .collect();
    output.push(format!("Downloaded {done} sites in 0.213 seconds"));
    output
}

#[test]
fn concurrent_downloads_may_finish_in_any_order_but_each_exactly_once() {
    for name in ["io_threads", "io_async", "io_processes"] {
        assert_eq!(verdict(name, &downloads((1..=20).rev(), 20)), Ok(()), "{name}");
        assert_eq!(
            verdict(name, &downloads((1..=20).map(|i| (i * 7) % 20 + 1), 20)),
            Ok(()),
            "{name}"
        );
        fails_with(name, &downloads((1..=20).chain([5]), 20), "extra line");
        fails_with(name, &downloads((1..=20).filter(|&i| i != 9), 19), "missing");
        fails_with(name, &downloads(1..=20, 19), "19 where 20 belongs");
    }
    // One after another: there, the order is guaranteed and checked.
    assert_eq!(verdict("io_non_concurrent", &downloads(1..=20, 20)), Ok(()));
    fails_with(
        "io_non_concurrent",
        &downloads((1..=20).rev(), 20),
        "20 where 1 belongs",
    );
}

#[test]
fn every_cpu_result_must_come_back() {
    let output = |times: usize| {
        lines(&format!(
            "fib(27) = 196418, {times} times\nComputed in 0.044 seconds"
        ))
    };
    for name in ["cpu_non_concurrent", "cpu_threads", "cpu_async", "cpu_processes"] {
        assert_eq!(verdict(name, &output(20)), Ok(()), "{name}");
        fails_with(name, &output(19), "19 where 20 belongs");
        fails_with(
            name,
            &lines("fib(27) = 196419, 20 times\nComputed in 0.044 seconds"),
            "196419 where 196418 belongs",
        );
        fails_with(
            name,
            &lines("Computed in 0.044 seconds\nfib(27) = 196418, 20 times"),
            "must come after every other line",
        );
    }
}
