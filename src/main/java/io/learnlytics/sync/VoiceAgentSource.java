package io.learnlytics.sync;

import io.learnlytics.config.ConfigException;
import io.learnlytics.sync.SourceTables.SourceFile;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the voice learning assistant keeps its databases: a data folder holding {@code
 * learning_captures.db}, {@code feedback.db} and {@code learning_analytics.db}, or files named one
 * by one. A file may not exist yet (the assistant creates it on first use); it is then skipped and
 * read once it appears.
 */
public record VoiceAgentSource(String name, Map<SourceFile, Path> files) {
  public static final String NAME = "voice-agent";

  public VoiceAgentSource {
    files = Map.copyOf(files);
  }

  /** The three files in the assistant's data folder. */
  public static VoiceAgentSource folder(Path dir) {
    Map<SourceFile, Path> files = new EnumMap<>(SourceFile.class);
    for (SourceFile f : SourceFile.values()) {
      files.put(f, dir.resolve(f.defaultName));
    }
    return new VoiceAgentSource(NAME, files);
  }

  /** Files named one by one; {@code captures} is required, the others may be null. */
  public static VoiceAgentSource files(Path captures, Path feedback, Path analytics) {
    Map<SourceFile, Path> files = new EnumMap<>(SourceFile.class);
    files.put(SourceFile.CAPTURES, captures);
    if (feedback != null) {
      files.put(SourceFile.FEEDBACK, feedback);
    }
    if (analytics != null) {
      files.put(SourceFile.ANALYTICS, analytics);
    }
    return new VoiceAgentSource(NAME, files);
  }

  /** Parses {@code voice-agent:DIR}, the value of {@code serve --source}. */
  public static VoiceAgentSource parse(String spec) {
    String prefix = NAME + ":";
    if (spec == null || !spec.startsWith(prefix) || spec.length() == prefix.length()) {
      throw new ConfigException(
          "source '"
              + spec
              + "' is not understood; write voice-agent:DIR, DIR being the assistant's data folder");
    }
    return folder(Path.of(spec.substring(prefix.length())));
  }

  @Nullable Path file(SourceFile f) {
    return files.get(f);
  }
}
