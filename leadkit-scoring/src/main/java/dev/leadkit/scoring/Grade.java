package dev.leadkit.scoring;

import java.util.regex.Pattern;

/**
 * A 2D grade like Eloqua's A1-D4: the band of a fit model followed by the band of an engagement
 * model. The plugin stores it on the lead as a score named {@link #name()} whose {@link
 * dev.leadkit.core.lead.Score#band()} is the grade ("B2") and whose value is its rank, 1 for the
 * best cell (first fit band, first engagement band) counting along the engagement bands:
 * with 4 x 4 bands A1 = 1, A2 = 2, ..., B1 = 5, ..., D4 = 16. Segments and journeys read it with
 * {@code score(grade) band in ("A1", "A2", "B1")} or {@code score(grade) <= 4}.
 *
 * <p>A lead without a score under one of the models is graded as if that score were 0.
 *
 * @param name the score name under which the grade is stored, e.g. "grade"
 * @param fitModel the model whose bands give the letter
 * @param engagementModel the model whose bands give the digit
 */
public record Grade(String name, String fitModel, String engagementModel) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Validates. */
  public Grade {
    for (String n : new String[] {name, fitModel, engagementModel}) {
      if (n == null || !NAME.matcher(n).matches()) {
        throw new ScoringModelException("grade and model names must be 1 to 64 letters, digits "
            + "or _.:-, not \"" + n + "\"");
      }
    }
    if (fitModel.equals(engagementModel)) {
      throw new ScoringModelException("a grade needs two different models, got \"" + fitModel
          + "\" twice");
    }
    if (name.equals(fitModel) || name.equals(engagementModel)) {
      throw new ScoringModelException("grade name \"" + name + "\" must differ from its models");
    }
  }

  /** The grade "grade" of {@code fitModel} x {@code engagementModel}. */
  public static Grade of(String fitModel, String engagementModel) {
    return new Grade("grade", fitModel, engagementModel);
  }
}
