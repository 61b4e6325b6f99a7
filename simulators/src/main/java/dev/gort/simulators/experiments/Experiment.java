package dev.gort.simulators.experiments;

/** One experiment as the experiment source (Experimenter API v6) serves it. */
public record Experiment(
    String slug,
    String name,
    String owner,
    String ownerEmail,
    String revision,
    boolean readyForTest,
    String lastModified) {

  boolean sameContentAs(Experiment other) {
    return other != null
        && slug.equals(other.slug)
        && name.equals(other.name)
        && owner.equals(other.owner)
        && ownerEmail.equals(other.ownerEmail)
        && revision.equals(other.revision)
        && readyForTest == other.readyForTest;
  }
}
