package dev.gort.provisioner.repository;

import java.util.List;
import java.util.Map;

/**
 * What step 1 found in a repository: the commit read and the seed's environment files in it.
 *
 * @param url the URL cloned
 * @param commit the id of the commit read (the remote's HEAD); null for a repository without one
 * @param files path in the repository → content (UTF-8, at most the cut each), in the seed's order
 * @param cut the paths whose content was cut at the limit
 */
public record RepositoryFiles(
    String url, String commit, Map<String, String> files, List<String> cut) {

  public RepositoryFiles {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
    cut = List.copyOf(cut);
  }
}
