// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md, checked on the sources: which top-level package may import which.
 * Backends are reached only through the SPI (their providers are found by ServiceLoader), algorithms
 * never see the public API, and the SPI and the data values depend on nothing else of rfm4j.
 */
class PackageDependenciesTest {
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("spi", Set.of()),
            Map.entry("data", Set.of()),
            Map.entry("io", Set.of("data")),
            Map.entry("algo", Set.of("data", "spi")),
            Map.entry("cpu", Set.of("spi")),
            Map.entry("cuda", Set.of("spi")),
            // JCuda interop: the one package that names JCuda, and the one beside the CLI that names a backend
            Map.entry("jcuda", Set.of("algo", "api", "cuda", "data", "spi")),
            Map.entry("lsh", Set.of("data")),
            Map.entry("deep", Set.of("algo", "data", "spi")),
            Map.entry("nn", Set.of("data", "spi")),
            Map.entry("tree", Set.of("algo", "data", "spi")),
            Map.entry("conv", Set.of("algo", "data", "spi")),
            Map.entry("api", Set.of("algo", "data", "io", "spi", "tree")),
            // bench: the peers get as many threads as the CPU backend (cpu.linalg.Parallel)
            Map.entry("bench", Set.of("algo", "api", "cpu", "data", "io", "spi", "tree")),
            Map.entry("experiments", Set.of("algo", "api", "conv", "data", "deep", "io", "lsh", "nn", "spi")),
            Map.entry("cli", Set.of("algo", "api", "bench", "conv", "data", "deep", "experiments", "io", "lsh", "nn", "spi", "tree")));

    /** A reference to another rfm4j package: in an import, or written out in the code. */
    private static final Pattern REFERENCE = Pattern.compile("org\\.rfm4j\\.([a-z]+)\\.");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^package [^\\n]*", Pattern.MULTILINE);

    @Test
    void everyPackageImportsOnlyWhatItsLayerMay() throws IOException {
        Path root = Path.of("src", "main", "java", "org", "rfm4j");
        Map<String, Set<String>> found = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // ErrorCode, RfmException: the root everyone may use
                }
                String pkg = rel.getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                assertTrue(allowed != null, "package " + pkg + " has no place in the layering: add it to ARCHITECTURE.md and here");
                String code = PACKAGE.matcher(COMMENT.matcher(Files.readString(f)).replaceAll("")).replaceAll("");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String target = m.group(1);
                    found.computeIfAbsent(pkg, k -> new TreeSet<>()).add(target);
                    if (!target.equals(pkg) && !allowed.contains(target)) {
                        violations.add(rel + " uses org.rfm4j." + target);
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), "imports across the layering: " + violations);
        assertTrue(found.containsKey("cli") && found.get("cli").contains("api"), "the scan found nothing: " + found);
    }
}
