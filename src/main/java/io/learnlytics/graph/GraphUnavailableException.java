package io.learnlytics.graph;

/** The graph's store cannot be reached (Neo4j down, network lost); other features keep working. */
public final class GraphUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GraphUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
