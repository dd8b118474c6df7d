package io.learnlytics.reliability;

import java.util.concurrent.atomic.AtomicLong;

/** What the crash run did and found, printed at its end (docs/reliability.md quotes it). */
final class CrashTally {
  final AtomicLong kills = new AtomicLong();
  final AtomicLong batches = new AtomicLong();
  final AtomicLong events = new AtomicLong();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong lostAnswers = new AtomicLong(); // the connection died before the answer
  final AtomicLong lostButStored = new AtomicLong(); // of those, stored before the kill
  final AtomicLong refused = new AtomicLong(); // a non-2xx answer (e.g. 503): must store nothing
  final AtomicLong resent = new AtomicLong();
  final AtomicLong missing = new AtomicLong();
  final AtomicLong half = new AtomicLong();
  final AtomicLong rollupRows = new AtomicLong();
  final AtomicLong goalsCreated = new AtomicLong();
  final AtomicLong exportsCompleted = new AtomicLong();
  final AtomicLong exportsVerified = new AtomicLong();
  // Requests the kills cut off mid-way (their clients saw the connection die), by kind.
  final AtomicLong cutIngest = new AtomicLong();
  final AtomicLong cutExport = new AtomicLong();
  final AtomicLong cutGoal = new AtomicLong(); // goal creation or the goals view
  final AtomicLong cutInsights = new AtomicLong();
  // Connections closed without an answer while the server was up (not by a kill).
  final AtomicLong droppedWhileUp = new AtomicLong();
  final AtomicLong killsWithDirtyMarks = new AtomicLong(); // a refresh was pending or running

  String summary(long seed) {
    return String.format(
        "crash run, seed %d: %d kills (kill -9)%n"
            + "  batches %d (%d events): acknowledged %d, answers lost %d (stored before the kill:"
            + " %d), refused %d, re-sent %d%n"
            + "  after every restart: missing %d, half batches %d, rollup rows compared %d"
            + " (all equal to aggregate --rebuild)%n"
            + "  goals created %d; exports completed %d (all verified: %d)%n"
            + "  requests cut by the kills: ingest %d, export %d, goals %d, insights %d;"
            + " kills with rollup work pending %d%n"
            + "  answers dropped by a live server (connection closed, no answer): %d%n",
        seed,
        kills.get(),
        batches.get(),
        events.get(),
        acknowledged.get(),
        lostAnswers.get(),
        lostButStored.get(),
        refused.get(),
        resent.get(),
        missing.get(),
        half.get(),
        rollupRows.get(),
        goalsCreated.get(),
        exportsCompleted.get(),
        exportsVerified.get(),
        cutIngest.get(),
        cutExport.get(),
        cutGoal.get(),
        cutInsights.get(),
        killsWithDirtyMarks.get(),
        droppedWhileUp.get());
  }
}
