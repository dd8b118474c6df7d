package io.learnlytics.graph;

import io.learnlytics.config.Config;
import io.learnlytics.config.ConfigException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects to the configured Neo4j graph, if any; without one the embedded graph serves. */
public final class GraphSelection {
  private static final Logger log = LoggerFactory.getLogger(GraphSelection.class);

  private GraphSelection() {}

  /**
   * Neo4j when a Bolt URI is configured; empty for the embedded graph, or when Neo4j cannot be
   * reached and the user asked to fall back to the embedded graph. Otherwise an unreachable Neo4j
   * stops the start with a message naming the URI.
   */
  public static Optional<KnowledgeGraph> connect(Config.Graph settings) {
    if (settings.bolt().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Neo4jGraph.connect(
              settings.bolt().get(), settings.user().orElse(null), settings.password().orElse("")));
    } catch (GraphUnavailableException e) {
      if (!settings.fallbackToEmbedded()) {
        throw new ConfigException(
            e.getMessage() + "; or start with --graph-fallback embedded to run without it");
      }
      log.warn("{}; using the embedded graph (--graph-fallback embedded)", e.getMessage());
      return Optional.empty();
    }
  }
}
