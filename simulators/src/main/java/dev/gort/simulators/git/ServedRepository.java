package dev.gort.simulators.git;

import org.eclipse.jgit.lib.Repository;

/** One repository the simulated Git server serves: its name (URL {@code /git/<name>.git}). */
record ServedRepository(String name, String description, Repository repository, String head) {}
