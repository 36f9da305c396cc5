// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * JCuda is optional: in a class loader whose class path is this test's without any org.jcuda jar, every
 * class of rfm4j outside org.rfm4j.jcuda loads and links its members, the backend registry works, and a
 * fit and prediction run on the CPU; only org.rfm4j.jcuda needs JCuda.
 */
class CoreWithoutJCudaTest {
    private static List<URL> classPathWithoutJCuda() throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        boolean sawJCuda = false;
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.replace('\\', '/').contains("/org/jcuda/")) {
                sawJCuda = true;
                continue;
            }
            urls.add(Path.of(entry).toUri().toURL());
        }
        assertTrue(sawJCuda, "the test class path should hold JCuda, to be left out: " + cp);
        return urls;
    }

    @Test
    void theCoreLoadsAndFitsWithoutJCuda() throws Exception {
        Path classes = Path.of("target", "classes");
        try (URLClassLoader loader = new URLClassLoader(classPathWithoutJCuda().toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("jcuda.driver.CUdeviceptr", false, loader));
            int linked = 0;
            List<String> needJCuda = new ArrayList<>();
            try (Stream<Path> files = Files.walk(classes.resolve("org").resolve("rfm4j"))) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    String name = classes.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                    try {
                        Class<?> c = Class.forName(name, false, loader);
                        c.getDeclaredMethods(); // resolves every signature's types
                        c.getDeclaredFields();
                        c.getDeclaredConstructors();
                        linked++;
                    } catch (NoClassDefFoundError e) {
                        needJCuda.add(name + " (" + e.getMessage() + ")");
                    }
                }
            }
            assertTrue(linked > 200, "only " + linked + " classes linked");
            assertFalse(needJCuda.isEmpty(), "org.rfm4j.jcuda should need JCuda");
            for (String n : needJCuda) {
                assertTrue(n.startsWith("org.rfm4j.jcuda.") && n.contains("jcuda/"), "needs JCuda: " + n);
            }
            @SuppressWarnings("unchecked")
            Callable<String> probe = (Callable<String>) loader.loadClass(CoreFitProbe.class.getName())
                    .getDeclaredConstructor().newInstance();
            assertEquals(loader, probe.getClass().getClassLoader());
            String summary = probe.call();
            assertTrue(summary.matches("backends [1-9][0-9]*, auto cpu, mse [0-9.E-]+"), summary);
            double mse = Double.parseDouble(summary.substring(summary.lastIndexOf(' ') + 1));
            assertTrue(mse < 0.05, summary);
        }
    }
}
