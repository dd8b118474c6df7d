package io.learnlytics.cli;

import io.learnlytics.export.ExportVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify FILE}: checks an export's checksum (JSON) or manifest (CSV ZIP); exit 0 if intact.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Verify an export: a JSON export against its checksum, a CSV ZIP against its manifest."
            + " Prints OK or MISMATCH; exits 0 only when the file is intact.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Export files")
  Path[] files;

  @Override
  public Integer call() throws IOException {
    boolean allOk = true;
    for (Path file : files) {
      ExportVerifier.Report r = ExportVerifier.verify(file);
      spec.commandLine().getOut().println(file + ": " + (r.ok() ? "OK" : "MISMATCH"));
      r.lines().forEach(line -> spec.commandLine().getOut().println("  " + line));
      allOk &= r.ok();
    }
    return allOk ? 0 : 1;
  }
}
