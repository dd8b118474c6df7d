package io.learnlytics.insight;

import java.util.List;

/** One family of insight rules evaluated against the rollups at one moment. */
interface Rule {
  List<Candidate> evaluate(Moment now);
}
