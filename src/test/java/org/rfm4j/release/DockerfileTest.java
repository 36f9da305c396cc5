// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rfm4j.cli.RfmCli;

import picocli.CommandLine;

/**
 * Static checks of the Docker image, since no Docker engine runs on our machines (README.md,
 * "Docker"): docker/Dockerfile (stages, base images, the shared build script, user, volume, entry
 * point), docker/rfm, .dockerignore, and the docker commands in README.md and in the Dockerfile's
 * header, held against the Dockerfile and parsed by the CLI itself. A linter (dockerfile-utils,
 * scripts/lint-dockerfile.sh) checks the syntax in CI.
 */
class DockerfileTest {
    private static final Path ROOT = Paths.get("").toAbsolutePath(); // surefire runs in the project folder
    private static final String BUILD_SCRIPT = "scripts/build.sh";
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    record Instruction(int line, String keyword, String args) {
        @Override
        public String toString() {
            return "line " + line + ": " + keyword + " " + args;
        }
    }

    record Stage(String image, String name, List<Instruction> body) {
        List<Instruction> all(String keyword) {
            return body.stream().filter(i -> i.keyword.equals(keyword)).collect(Collectors.toList());
        }

        String runs() {
            return all("RUN").stream().map(Instruction::args).collect(Collectors.joining("\n"));
        }
    }

    private static List<Instruction> global;
    private static List<Stage> stages;
    private static String dockerfileText;

    @BeforeAll
    static void parse() throws IOException {
        dockerfileText = read("docker/Dockerfile");
        List<Instruction> all = instructions(dockerfileText);
        global = new ArrayList<>();
        stages = new ArrayList<>();
        Stage current = null;
        for (Instruction i : all) {
            if (i.keyword.equals("FROM")) {
                Matcher m = Pattern.compile("(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE).matcher(i.args);
                assertTrue(m.matches(), "cannot read " + i);
                current = new Stage(m.group(1), m.group(2), new ArrayList<>());
                stages.add(current);
            } else if (current == null) {
                global.add(i);
            } else {
                current.body.add(i);
            }
        }
    }

    /** Dockerfile instructions: comments dropped, continuation lines joined. */
    static List<Instruction> instructions(String text) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder cur = null;
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.startsWith("#") || (line.isEmpty() && cur == null)) {
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
                start = n + 1;
            }
            boolean more = line.endsWith("\\");
            cur.append(more ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!more) {
                String s = cur.toString().strip().replaceAll("\\s+", " ");
                int sp = s.indexOf(' ');
                out.add(new Instruction(start, s.substring(0, sp < 0 ? s.length() : sp).toUpperCase(),
                        sp < 0 ? "" : s.substring(sp + 1)));
                cur = null;
            }
        }
        return out;
    }

    private static String read(String file) throws IOException {
        Path p = ROOT.resolve(file);
        assertTrue(Files.isRegularFile(p), file + " is missing");
        return Files.readString(p);
    }

    private static String cudaDefault() {
        Instruction arg = global.stream().filter(i -> i.keyword.equals("ARG") && i.args.startsWith("CUDA_VERSION="))
                .findFirst().orElseThrow(() -> new AssertionError("no ARG CUDA_VERSION=... before the first FROM"));
        return arg.args.substring("CUDA_VERSION=".length());
    }

    private static Stage build() {
        return stages.get(0);
    }

    private static Stage runtime() {
        return stages.get(stages.size() - 1);
    }

    private static Instruction last(Stage s, String keyword) {
        List<Instruction> l = s.all(keyword);
        assertFalse(l.isEmpty(), "the " + s.name + " stage has no " + keyword);
        return l.get(l.size() - 1);
    }

    @Test
    void cudaVersionIsOneBuildArgumentDefaultingTo13() {
        Matcher m = VERSION.matcher(cudaDefault());
        assertTrue(m.matches(), "ARG CUDA_VERSION must default to a full X.Y.Z tag version: " + cudaDefault());
        assertEquals("13", m.group(1), "the default CUDA version is 13.x");
    }

    @Test
    void twoStagesOnTheDevelAndRuntimeImagesOfOneCudaVersion() {
        assertEquals(2, stages.size(), "stages: build and runtime");
        assertEquals("nvidia/cuda:${CUDA_VERSION}-devel-ubuntu24.04", build().image);
        assertEquals("build", build().name);
        assertEquals("nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu24.04", runtime().image,
                "the runtime flavour carries cuBLAS and cuSOLVER (the base flavour does not)");
        assertEquals("runtime", runtime().name);
    }

    @Test
    void theBuildStageRunsTheSharedBuildScript() throws IOException {
        String runs = build().runs();
        for (String pkg : List.of("openjdk-17-jdk-headless", "maven", "cmake", "g++")) {
            assertTrue(runs.contains(pkg), "the build stage installs " + pkg);
        }
        assertTrue(build().all("COPY").stream().anyMatch(i -> i.args.equals(". .")), "the build stage copies the sources");
        assertTrue(runs.matches("(?s).*RFM4J_REQUIRE_NATIVE=1 (bash )?" + Pattern.quote(BUILD_SCRIPT) + "\\b.*"),
                "the build stage runs " + BUILD_SCRIPT + " with RFM4J_REQUIRE_NATIVE=1: " + runs);
        assertTrue(Files.isRegularFile(ROOT.resolve(BUILD_SCRIPT)), BUILD_SCRIPT + " is missing");
        assertTrue(read(BUILD_SCRIPT).contains("verify"), BUILD_SCRIPT + " runs mvn verify");
        String ci = read(".ci/run");
        assertTrue(ci.lines().map(String::strip).filter(l -> !l.startsWith("#")).anyMatch(l -> l.contains(BUILD_SCRIPT)),
                ".ci/run runs " + BUILD_SCRIPT + ", so CI runs the image's build");
    }

    @Test
    void theRuntimeStageRunsRfmAsAnUnprivilegedUserOnAVolume() throws IOException {
        Stage rt = runtime();
        String runs = rt.runs();
        assertTrue(runs.contains("openjdk-17-jre-headless"), "the runtime stage installs a headless JRE 17");
        assertFalse(runs.contains("-jdk") || runs.contains(" maven"), "the runtime stage carries no JDK or Maven");

        // the jar: built by the build stage, where the launcher looks for it
        String buildDir = last(build(), "WORKDIR").args;
        Instruction copyJar = rt.all("COPY").stream().filter(i -> i.args.startsWith("--from=build ")).findFirst()
                .orElseThrow(() -> new AssertionError("the runtime stage copies nothing from the build stage"));
        String[] parts = copyJar.args.split(" ");
        assertEquals(buildDir + "/target/rfm4j.jar", parts[1], "copies the release jar of the build stage");
        String jarPath = parts[2];
        String launcher = read("docker/rfm");
        assertTrue(launcher.contains("RFM4J_JAR:-" + jarPath + "}"), "docker/rfm's default jar is " + jarPath);
        assertTrue(rt.all("ENV").stream().anyMatch(i -> i.args.contains("RFM4J_JAR=" + jarPath)), "ENV RFM4J_JAR=" + jarPath);

        // the entry point: docker/rfm as /usr/local/bin/rfm, exec form
        assertTrue(rt.all("COPY").stream().anyMatch(i -> i.args.matches("(--chmod=0?755 )?docker/rfm /usr/local/bin/rfm")),
                "docker/rfm becomes /usr/local/bin/rfm");
        assertEquals("[\"/usr/local/bin/rfm\"]", last(rt, "ENTRYPOINT").args, "rfm is the entry point (exec form)");
        assertTrue(launcher.startsWith("#!/bin/sh\n") && launcher.contains("exec "), "docker/rfm: a POSIX sh script that execs java");

        // an unprivileged user, made in this stage, set after the last RUN
        Instruction user = last(rt, "USER");
        assertFalse(user.args.matches("(root|0)(:.*)?"), "the image must not run as root: " + user);
        assertTrue(runs.contains("useradd") && runs.contains(" " + user.args), "the runtime stage creates user " + user.args);
        Instruction lastRun = last(rt, "RUN");
        assertTrue(lastRun.line < user.line, "USER comes after the last RUN");

        // data and models: a volume that is also the working directory
        assertEquals("[\"/data\"]", last(rt, "VOLUME").args);
        assertEquals("/data", last(rt, "WORKDIR").args);
        assertTrue(runs.contains("chown " + user.args + ":" + user.args + " /data"), "/data belongs to " + user.args);

        String env = rt.all("ENV").stream().map(Instruction::args).collect(Collectors.joining(" "));
        assertTrue(env.contains("NVIDIA_VISIBLE_DEVICES=all"), "ENV NVIDIA_VISIBLE_DEVICES=all");
        assertTrue(env.matches(".*NVIDIA_DRIVER_CAPABILITIES=\\S*compute.*"), "ENV NVIDIA_DRIVER_CAPABILITIES has compute");
    }

    @Test
    void theBuildContextKeepsEveryBuildInputAndDropsBuildOutputs() throws IOException {
        List<PathMatcher> ignored = read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .peek(l -> assertFalse(l.startsWith("!"), "keep .dockerignore simple: no exceptions (" + l + ")"))
                .map(l -> FileSystems.getDefault().getPathMatcher("glob:" + l))
                .collect(Collectors.toList());
        for (String needed : List.of("pom.xml", "src", "native", "cmake", BUILD_SCRIPT, "scripts/build-native.sh", "docker/rfm")) {
            for (Path p = Paths.get(needed); p != null; p = p.getParent()) {
                Path q = p;
                assertFalse(ignored.stream().anyMatch(m -> m.matches(q)), ".dockerignore drops " + q + ", needed by the build");
            }
        }
        for (String dropped : List.of("target", ".git")) {
            assertTrue(ignored.stream().anyMatch(m -> m.matches(Paths.get(dropped))), ".dockerignore keeps " + dropped + " out");
        }
    }

    @Test
    void theReadmesDockerCommandsMatchTheDockerfileAndTheCli() throws IOException {
        String readme = read("README.md");
        int at = readme.indexOf("\n## Docker");
        assertTrue(at >= 0, "README.md has a '## Docker' section");
        int end = readme.indexOf("\n## ", at + 1);
        String section = readme.substring(at, end < 0 ? readme.length() : end);
        List<String> readmeCommands = dockerCommands(section, "");
        List<String> headerCommands = dockerCommands(dockerfileText, "#");
        assertFalse(headerCommands.isEmpty(), "the Dockerfile's header shows how to build and run it");
        checkCommands("README.md", readmeCommands);
        checkCommands("docker/Dockerfile's header", headerCommands);

        Matcher uid = Pattern.compile("--uid (\\d+)").matcher(runtime().runs());
        assertTrue(uid.find(), "the runtime stage's useradd sets --uid");
        assertTrue(section.contains("uid " + uid.group(1)), "README.md names the image's uid " + uid.group(1));
        String major = cudaDefault().replaceAll("\\..*", "");
        assertTrue(section.contains("CUDA " + major + ".") && section.contains("(default)"), "README.md names the default CUDA " + major);
    }

    private static void checkCommands(String where, List<String> commands) {
        Set<String> declaredArgs = new LinkedHashSet<>();
        for (Instruction i : instructions(dockerfileText)) {
            if (i.keyword.equals("ARG")) {
                declaredArgs.add(i.args.replaceAll("=.*", ""));
            }
        }
        Set<String> tags = new LinkedHashSet<>();
        boolean gpuRun = false, cpuRun = false, fitRun = false, buildDefault = false, build12 = false;
        String volume = last(runtime(), "VOLUME").args.replaceAll("[\\[\\]\"]", "");
        for (String cmd : commands) {
            List<String> t = tokens(cmd);
            String what = where + ": `" + cmd + "`";
            if (t.get(1).equals("build")) {
                assertEquals(".", t.get(t.size() - 1), what + ": the build context is the project root");
                int f = t.indexOf("-f");
                assertTrue(f > 0 && t.get(f + 1).equals("docker/Dockerfile"), what + ": -f docker/Dockerfile");
                String version = cudaDefault();
                for (int k = 0; k < t.size(); k++) {
                    if (t.get(k).equals("--build-arg")) {
                        String kv = t.get(k + 1);
                        String key = kv.replaceAll("=.*", "");
                        assertTrue(declaredArgs.contains(key), what + ": the Dockerfile declares no ARG " + key);
                        if (key.equals("CUDA_VERSION")) {
                            version = kv.substring(key.length() + 1);
                        }
                    }
                }
                Matcher v = VERSION.matcher(version);
                assertTrue(v.matches(), what + ": CUDA_VERSION must be X.Y.Z (the nvidia/cuda tag): " + version);
                int tIdx = t.indexOf("-t");
                assertTrue(tIdx > 0, what + ": tags the image with -t");
                String tag = t.get(tIdx + 1);
                assertEquals("rfm4j:cuda" + v.group(1), tag, what + ": the tag names the CUDA major version");
                tags.add(tag);
                buildDefault |= version.equals(cudaDefault());
                build12 |= v.group(1).equals("12");
            } else if (t.get(1).equals("run")) {
                int k = 2;
                boolean gpus = false;
                Set<String> valued = Set.of("--gpus", "--user", "-u", "-v", "--volume", "-e", "--env", "--entrypoint",
                        "--name", "-m", "--memory", "--shm-size", "--ipc");
                while (k < t.size() && t.get(k).startsWith("-")) {
                    String o = t.get(k);
                    gpus |= o.equals("--gpus") || o.startsWith("--gpus=");
                    if (o.equals("-v") || o.equals("--volume")) {
                        String[] hc = t.get(k + 1).split(":");
                        assertEquals(volume, hc[1], what + ": mount host folders on the image's volume " + volume);
                    }
                    k += valued.contains(o) ? 2 : 1;
                }
                assertTrue(k < t.size(), what + ": no image");
                String image = t.get(k);
                assertTrue(tags.contains(image), what + ": " + image + " is not a tag built above (" + tags + ")");
                List<String> args = new ArrayList<>(t.subList(k + 1, t.size()));
                if (!args.isEmpty() && args.get(0).equals("rfm")) {
                    args.remove(0);
                }
                assertFalse(args.isEmpty(), what + ": give rfm a command (the image's default is `info`)");
                try {
                    RfmCli.commandLine(args.toArray(new String[0])).parseArgs(args.toArray(new String[0]));
                } catch (CommandLine.ParameterException e) {
                    fail(what + ": rfm does not accept these arguments: " + e.getMessage());
                }
                for (String a : args) {
                    if (a.startsWith("/")) {
                        assertTrue(a.startsWith(volume + "/"), what + ": " + a + " is outside the volume " + volume);
                    }
                }
                gpuRun |= gpus;
                cpuRun |= !gpus;
                fitRun |= args.get(0).equals("fit");
            } else {
                fail(what + ": only docker build and docker run are checked; add the case to DockerfileTest");
            }
        }
        assertTrue(buildDefault, where + " shows the build with the default CUDA version");
        assertTrue(gpuRun, where + " shows a run with --gpus");
        if (where.equals("README.md")) {
            assertTrue(build12, where + " shows a build with CUDA 12 (drivers older than 580)");
            assertTrue(cpuRun, where + " shows a run without --gpus (CPU only)");
            assertTrue(fitRun, where + " shows a fit");
        }
    }

    /** The `docker ...` commands in fenced code (or, with prefix "#", in comment lines), continuations joined. */
    static List<String> dockerCommands(String text, String prefix) {
        List<String> out = new ArrayList<>();
        boolean fenced = prefix.isEmpty() ? false : true;
        StringBuilder cur = null;
        for (String raw : text.split("\n")) {
            if (prefix.isEmpty() && raw.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            String line = raw;
            if (!prefix.isEmpty()) {
                if (!line.startsWith(prefix)) {
                    cur = null;
                    continue;
                }
                line = line.substring(prefix.length());
            }
            if (!fenced) {
                continue;
            }
            line = line.strip().replaceAll("\\s+#\\s.*$", "").strip(); // trailing comment
            if (cur == null && !line.startsWith("docker ")) {
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            boolean more = line.endsWith("\\");
            cur.append(more ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!more) {
                out.add(cur.toString().strip());
                cur = null;
            }
        }
        return out;
    }

    /** Shell-like words: double and single quotes group, and are removed. */
    static List<String> tokens(String cmd) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : cmd.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
