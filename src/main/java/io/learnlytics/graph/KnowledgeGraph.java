package io.learnlytics.graph;

import io.learnlytics.store.Database;
import java.util.List;
import java.util.Optional;

/**
 * The learner's knowledge graph: concepts, how often exchanges mention them, and the relations the
 * assistant observed between them ({@code RELATES_TO}, and {@code BUILDS_ON} from a concept to its
 * prerequisite). Two homes: the embedded concept tables (the default) and Neo4j. Both answer with
 * the same rules ({@link GraphRules}), so a shared contract test runs against each.
 *
 * <p>Every method may throw {@link GraphUnavailableException} when the graph's store cannot be
 * reached; callers show that in the graph panels and carry on with everything else.
 */
public interface KnowledgeGraph extends AutoCloseable {
  /** Mentions from which a concept counts as known. */
  int KNOWN_MENTIONS = GraphRules.KNOWN_MENTIONS;

  /**
   * The same store seen as the graph of {@code view}'s learner (sharing its connections; closing it
   * closes nothing shared).
   */
  KnowledgeGraph forLearner(Database view);

  /** "embedded" or "neo4j". */
  String backend();

  /** Concept and relation counts with the strongest connections. */
  Stats stats();

  /** Concepts studied and known against all concepts of the graph. */
  Coverage coverage();

  /** Prerequisites of studied concepts that were never or rarely studied, most needed first. */
  List<Gap> gaps(int limit);

  /**
   * The prerequisites to study before {@code target}, in order, ending with it; empty if unknown.
   */
  Optional<List<PathStep>> path(String target);

  /** Groups of connected concepts, largest first. */
  List<Cluster> clusters(int limit);

  /** True while the last call to the store failed (answers computed now lack the graph). */
  default boolean unavailable() {
    return false;
  }

  /** Runs {@code listener} when the store answers again after a failure. */
  default void onRecovery(Runnable listener) {}

  @Override
  void close();

  /** {@code totalRelationships} counts distinct (source, target, type) connections. */
  record Stats(
      long totalConcepts, long totalRelationships, List<Connection> strongestConnections) {}

  /** A connection's strength is the strongest observed; {@code observations} how often seen. */
  record Connection(
      String source, String target, String type, double strength, long observations) {}

  /**
   * {@code studied}: mentioned at least once; {@code known}: at least {@value
   * GraphRules#KNOWN_MENTIONS} mentions; {@code percent}: known of all, as the specification's
   * coverage.
   */
  record Coverage(long totalConcepts, long studied, long known, double percent) {}

  /**
   * A prerequisite with fewer than {@value GraphRules#KNOWN_MENTIONS} mentions and who needs it.
   */
  record Gap(String concept, long mentions, List<String> neededBy) {}

  /** One step of a learning path; {@code known} steps can be skipped. */
  record PathStep(String concept, long mentions, boolean known) {}

  /**
   * Connected concepts (relations of either type, either direction); {@code hub}: most mentioned.
   */
  record Cluster(String hub, int size, List<String> concepts) {}
}
