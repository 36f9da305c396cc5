// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * docs/JCUDA.md's example is {@link JCudaExample}'s marked section, line for line, so the documented
 * program compiles with the tests (running it needs a GPU and JCuda's natives).
 */
class JCudaExampleDocTest {
    @Test
    void theDocumentedProgramIsTheCompiledOne() throws IOException {
        String doc = Files.readString(Path.of("docs", "JCUDA.md"));
        int start = doc.indexOf("```java\n");
        assertTrue(start >= 0, "docs/JCUDA.md has no java block");
        String shown = doc.substring(start + 8, doc.indexOf("```", start + 8));
        String source = Files.readString(Path.of("src", "test", "java", "org", "rfm4j", "jcuda", "JCudaExample.java"));
        String marked = source.substring(source.indexOf("// begin docs/JCUDA.md\n") + 23,
                source.indexOf("        // end docs/JCUDA.md"));
        String compiled = marked.lines().map(l -> l.startsWith("        ") ? l.substring(8) : l)
                .collect(Collectors.joining("\n")).strip();
        assertEquals(compiled, shown.strip());
        assertTrue(compiled.contains("JCudaRfm.on(cuda)") && compiled.contains("cuMemFree(dOut)"), compiled);
    }
}
