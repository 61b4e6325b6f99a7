package dev.gort.common.process;

import java.nio.file.Path;
import java.util.Map;

/**
 * One command to start.
 *
 * @param command the shell command line ({@code sh -c})
 * @param workRoot the job's fresh working directory (mounted into a container at {@link
 *     CommandLauncher#CONTAINER_WORK})
 * @param relativeCwd where in it the command runs ("" for the root)
 * @param env the command's whole environment (nothing of the agent's own is inherited)
 * @param containerEnv names from {@code env} whose value differs inside a container, with that
 *     value
 * @param image the container image, or null to run on the host
 * @param containerName the container's name, unique per command (used to stop it)
 */
public record Launch(
    String command,
    Path workRoot,
    String relativeCwd,
    Map<String, String> env,
    Map<String, String> containerEnv,
    String image,
    String containerName) {}
