package dev.gort.cli.pipeline;

import picocli.CommandLine.Command;

/** {@code gort pipeline …}: commands about pipeline files. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Work with pipeline files.",
    subcommands = {ValidateCommand.class})
public class PipelineCommand {}
