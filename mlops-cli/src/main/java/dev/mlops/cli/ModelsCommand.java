package dev.mlops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops models list|show|promote|archive --repo DIR}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, show, promote (set an alias) and archive registered models in a file repository.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Promote.class,
                ModelsCommand.Archive.class})
final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "the model repository directory")
    Path repo;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Name a models command: list, show, promote or archive");
    }

    ModelRepository repository() {
        if (!Files.isDirectory(repo)) {
            throw new BadInputException("no model repository at " + repo.toAbsolutePath()
                    + " (give the directory models were registered in with --repo)");
        }
        return ModelRepository.onFileSystem(repo);
    }

    static ObjectNode json(ObjectMapper mapper, ModelVersion v) {
        ObjectNode n = mapper.createObjectNode();
        n.put("model", v.model()).put("version", v.version()).put("registeredAt", v.registeredAt().toString())
                .put("archived", v.archived());
        ArrayNode a = n.putArray("aliases");
        v.aliases().forEach(a::add);
        if (v.metrics() != null) {
            n.set("metrics", v.metrics());
        }
        return n;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every model with its versions.")
    static final class ListModels implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            ModelRepository r = parent.repository();
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode all = mapper.createArrayNode();
            for (String m : r.models()) {
                for (ModelVersion v : r.versions(m)) {
                    if (json) {
                        all.add(json(mapper, v));
                    } else {
                        spec.commandLine().getOut().printf("%s@%d %s%s %s%n", m, v.version(), v.registeredAt(),
                                v.archived() ? " archived" : "", v.aliases());
                    }
                }
            }
            if (json) {
                spec.commandLine().getOut().println(mapper.writeValueAsString(all));
            }
            return Mlops.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One version: NAME, NAME@ALIAS or NAME@N.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "REF", description = "NAME, NAME@ALIAS or NAME@VERSION")
        String ref;
        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            ModelVersion v = resolve(parent.repository(), ref);
            ObjectMapper mapper = new ObjectMapper();
            spec.commandLine().getOut().println(json ? mapper.writeValueAsString(json(mapper, v))
                    : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json(mapper, v)));
            return Mlops.OK;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Point an alias (default production) at a version: mlops models promote NAME@N.")
    static final class Promote implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "REF", description = "NAME@VERSION (or any ref that resolves)")
        String ref;
        @Option(names = "--alias", defaultValue = "production", description = "the alias (default: ${DEFAULT-VALUE})")
        String alias;

        @Override
        public Integer call() {
            ModelRepository r = parent.repository();
            ModelVersion v = resolve(r, ref);
            r.setAlias(v.model(), alias, v.version());
            spec.commandLine().getOut().println(v.model() + "@" + alias + " -> version " + v.version());
            return Mlops.OK;
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true, description = "Archive a version: NAME@N.")
    static final class Archive implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "REF", description = "NAME@VERSION")
        String ref;

        @Override
        public Integer call() {
            ModelRepository r = parent.repository();
            ModelVersion v = resolve(r, ref);
            r.archive(v.model(), v.version());
            spec.commandLine().getOut().println("archived " + v.model() + "@" + v.version());
            return Mlops.OK;
        }
    }

    static ModelVersion resolve(ModelRepository r, String ref) {
        String name = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
        List<String> models = r.models();
        if (!models.contains(name)) {
            throw new BadInputException("no model '" + name + "' in the repository; its models are " + models);
        }
        try {
            return r.resolve(ref);
        } catch (RuntimeException e) {
            throw new BadInputException("cannot resolve '" + ref + "': " + e.getMessage());
        }
    }
}
