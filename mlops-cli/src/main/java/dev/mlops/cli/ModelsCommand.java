package dev.mlops.cli;

import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops models list|show|promote|archive}: the model repository. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "The registered models: list, show,"
        + " promote (point an alias at a version) and archive.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Promote.class,
            ModelsCommand.Archive.class})
final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The repository folder option every subcommand takes. */
    static final class Repo {
        @Option(names = "--repo", required = true, paramLabel = "DIR", description = "the model repository folder")
        Path dir;

        ModelRepository open() {
            if (!Files.isDirectory(dir)) {
                throw new BadInputException("No model repository at " + dir.toAbsolutePath() + "; give the folder"
                        + " models were registered in");
            }
            return ModelRepository.onFileSystem(dir);
        }
    }

    static Map<String, Object> describe(ModelVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", v.model());
        m.put("version", v.version());
        m.put("registeredAt", v.registeredAt().toString());
        m.put("archived", v.archived());
        m.put("aliases", v.aliases());
        m.put("metrics", v.metrics());
        return m;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every model with its versions and"
            + " aliases.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        Repo repo;
        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            ModelRepository r = repo.open();
            PrintWriter w = spec.commandLine().getOut();
            Map<String, Object> out = new LinkedHashMap<>();
            for (String model : r.models()) {
                List<ModelVersion> versions = r.versions(model);
                out.put(model, Map.of("versions", versions.size(), "aliases", r.aliases(model)));
                if (!json) {
                    w.printf(Locale.ROOT, "%-24s %3d versions  aliases %s%n", model, versions.size(), r.aliases(model));
                }
            }
            if (json) {
                Inputs.json(w, out);
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A model's versions with their metrics.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        Repo repo;
        @Parameters(paramLabel = "MODEL", description = "the model name")
        String model;
        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            ModelRepository r = repo.open();
            if (!r.models().contains(model)) {
                throw new BadInputException("No model '" + model + "' in " + repo.dir + "; the models are "
                        + r.models());
            }
            PrintWriter w = spec.commandLine().getOut();
            List<Map<String, Object>> versions = r.versions(model).stream().map(ModelsCommand::describe).toList();
            if (json) {
                Inputs.json(w, versions);
                return 0;
            }
            for (Map<String, Object> v : versions) {
                w.println(model + " v" + v.get("version") + (Boolean.TRUE.equals(v.get("archived")) ? " (archived)" : "")
                        + " registered " + v.get("registeredAt") + " aliases " + v.get("aliases") + " metrics "
                        + v.get("metrics"));
            }
            return 0;
        }
    }

    /** A version of a model named on the command line: {@code MODEL VERSION}, checked to exist. */
    static final class VersionArgs {
        @picocli.CommandLine.Mixin
        Repo repo;
        @Parameters(index = "0", paramLabel = "MODEL")
        String model;
        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        ModelRepository openWithVersion() {
            ModelRepository r = repo.open();
            if (r.version(model, version).isEmpty()) {
                throw new BadInputException("No version " + version + " of model '" + model + "'; see 'mlops models"
                        + " show " + model + " --repo " + repo.dir + "'");
            }
            return r;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Point an alias (default production)"
            + " at a version; servers watching the alias reload it.")
    static final class Promote implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        VersionArgs target;
        @Option(names = "--alias", defaultValue = "production", paramLabel = "ALIAS")
        String alias;

        @Override
        public Integer call() {
            target.openWithVersion().setAlias(target.model, alias, target.version);
            spec.commandLine().getOut().println(target.model + "@" + alias + " -> version " + target.version);
            return 0;
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true, description = "Archive a version (kept, no longer"
            + " resolved by 'latest').")
    static final class Archive implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        VersionArgs target;

        @Override
        public Integer call() {
            target.openWithVersion().archive(target.model, target.version);
            spec.commandLine().getOut().println(target.model + " version " + target.version + " archived");
            return 0;
        }
    }
}
