package dev.gort.worker.results;

/**
 * The outcome of a build (TuxSuite build results, a KCIDB build).
 *
 * @param id the producer's id for the build, or null
 * @param passed whether the build succeeded
 * @param status the producer's own word for it (e.g. TuxSuite {@code pass}, {@code fail})
 * @param target what was built (e.g. {@code x86_64 defconfig}), or null
 * @param toolchain the compiler used (e.g. {@code gcc-13}), or null
 * @param warnings warnings counted, or null when not reported
 * @param errors errors counted, or null when not reported
 * @param downloadUrl where the build's artefacts are, or null
 * @param logUrl where the build log is, or null
 * @param durationMs how long the build ran, or null
 */
public record BuildResult(
    String id,
    boolean passed,
    String status,
    String target,
    String toolchain,
    Integer warnings,
    Integer errors,
    String downloadUrl,
    String logUrl,
    Long durationMs) {}
