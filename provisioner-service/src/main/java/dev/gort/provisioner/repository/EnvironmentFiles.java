package dev.gort.provisioner.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Seed 004, step 1: the environment files at the top of a commit's tree, each cut at the limit
 * ("Extract file contents (limit 10KB each)") on a UTF-8 character boundary. Names match without
 * regard to case, the exact spelling first; README.md may also be a README, README.rst or
 * README.txt. Only regular files count (no symbolic links, no submodules).
 */
final class EnvironmentFiles {

  /** The seed's files, in its order; each inner list is one file's names, preferred first. */
  static final List<List<String>> WANTED =
      List.of(
          List.of("requirements.txt"),
          List.of("pyproject.toml"),
          List.of("setup.py"),
          List.of("environment.yml"),
          List.of("Dockerfile"),
          List.of("README.md", "README", "README.rst", "README.txt"));

  /** What was read: path → content, and the paths that were cut. */
  record Found(Map<String, String> files, List<String> cut) {}

  private EnvironmentFiles() {}

  static Found read(Repository repository, ObjectId commitId, int maxEntries, int cutBytes)
      throws IOException {
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(commitId);
      Map<String, List<Entry>> byLowerName = new LinkedHashMap<>();
      try (TreeWalk tree = new TreeWalk(reader)) {
        tree.addTree(commit.getTree());
        tree.setRecursive(false);
        int seen = 0;
        while (seen < maxEntries && tree.next()) {
          seen++;
          FileMode mode = tree.getFileMode(0);
          if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            String name = tree.getNameString();
            byLowerName
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(new Entry(name, tree.getObjectId(0)));
          }
        }
      }
      Map<String, String> files = new LinkedHashMap<>();
      List<String> cut = new ArrayList<>();
      for (List<String> names : WANTED) {
        Entry entry = pick(names, byLowerName);
        if (entry == null) {
          continue;
        }
        Content content = content(reader, entry.id(), cutBytes);
        files.put(entry.name(), content.text());
        if (content.cut()) {
          cut.add(entry.name());
        }
      }
      return new Found(files, cut);
    }
  }

  private static Entry pick(List<String> names, Map<String, List<Entry>> byLowerName) {
    for (String name : names) {
      List<Entry> candidates = byLowerName.get(name.toLowerCase(Locale.ROOT));
      if (candidates == null) {
        continue;
      }
      for (Entry candidate : candidates) {
        if (candidate.name().equals(name)) {
          return candidate;
        }
      }
      return candidates.get(0);
    }
    return null;
  }

  private static Content content(ObjectReader reader, ObjectId id, int cutBytes)
      throws IOException {
    ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
    byte[] bytes;
    boolean cut = loader.getSize() > cutBytes;
    try (InputStream in = loader.openStream()) {
      bytes = in.readNBytes(cutBytes);
    }
    int length = cut ? utf8Boundary(bytes, bytes.length) : bytes.length;
    return new Content(new String(bytes, 0, length, StandardCharsets.UTF_8), cut);
  }

  /**
   * The largest length at most {@code length} that does not end inside a UTF-8 sequence: a cut
   * never leaves half a character (which would decode to a replacement character).
   */
  static int utf8Boundary(byte[] bytes, int length) {
    int lead = length - 1;
    int continuations = 0;
    while (lead >= 0 && continuations < 3 && (bytes[lead] & 0xC0) == 0x80) {
      lead--;
      continuations++;
    }
    if (lead < 0) {
      return length;
    }
    int first = bytes[lead] & 0xFF;
    int needed = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
    return lead + needed <= length ? length : lead;
  }

  private record Entry(String name, ObjectId id) {}

  private record Content(String text, boolean cut) {}
}
