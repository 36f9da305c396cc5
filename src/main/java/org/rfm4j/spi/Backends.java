// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The registry of compute backends, and the only place that knows their names: the providers
 * listed in META-INF/services/org.rfm4j.spi.BackendProvider (each backend's package adds one
 * line there), plus "auto", which picks the available, automatically selectable provider of
 * highest {@link BackendProvider#autoPriority()} (CUDA when it runs, else the CPU). Loading a
 * provider touches no native code: probing does, and never throws.
 */
public final class Backends {
    /** The name that picks a backend automatically. */
    public static final String AUTO = "auto";

    private static List<BackendProvider> providers;

    private Backends() {
    }

    /** Every provider of this build, in the order of the service file. */
    public static synchronized List<BackendProvider> providers() {
        if (providers == null) {
            List<BackendProvider> found = new ArrayList<>();
            try {
                for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
                    found.add(p);
                }
            } catch (ServiceConfigurationError e) {
                throw new RfmException(ErrorCode.INTERNAL, "a backend provider failed to load: " + e.getMessage(), e);
            }
            if (found.stream().noneMatch(p -> p.autoPriority() == 0)) {
                throw new RfmException(ErrorCode.INTERNAL, "no fallback backend (autoPriority 0) is registered in "
                        + "META-INF/services/" + BackendProvider.class.getName() + ": the build is broken");
            }
            providers = List.copyOf(found);
        }
        return providers;
    }

    /** "auto" and every provider's name, as options and messages list them. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        out.add(AUTO);
        providers().forEach(p -> out.add(p.name()));
        return out;
    }

    /** The names for a message or an option's description: "auto, cpu or cuda". */
    public static String describeNames() {
        List<String> n = names();
        return String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }

    /** The provider of that name (not "auto"); INVALID_ARGUMENT naming the choices otherwise. */
    public static BackendProvider provider(String name) {
        String n = normalise(name);
        for (BackendProvider p : providers()) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown backend '" + name + "': use " + describeNames());
    }

    /** Checks that a backend name is known ("auto" included) before anything runs; returns it normalised. */
    public static String requireKnown(String name) {
        String n = normalise(name);
        if (!n.equals(AUTO)) {
            provider(n);
        }
        return n;
    }

    /** The backend "auto" opens: the available, automatic provider of highest priority. */
    public static String autoChoice() {
        return autoProvider().name();
    }

    private static BackendProvider autoProvider() {
        BackendProvider fallback = null;
        for (BackendProvider p : providers().stream()
                .sorted(Comparator.comparingInt(BackendProvider::autoPriority).reversed()).toList()) {
            if (p.autoPriority() == 0 && fallback == null) {
                fallback = p;
            }
            BackendProvider.Availability a = p.probe();
            if (a.available() && a.automatic()) {
                return p;
            }
        }
        return fallback;
    }

    /**
     * Opens a backend by name. "auto" opens its choice, falling back to the fallback provider when a
     * preferred one fails to open (auto never fails because a GPU misbehaves at open). An explicit name
     * that is unavailable throws BACKEND_UNAVAILABLE with the provider's reason.
     */
    public static ComputeBackend open(String name) {
        String n = requireKnown(name);
        if (n.equals(AUTO)) {
            BackendProvider choice = autoProvider();
            if (choice.autoPriority() > 0) {
                try {
                    return choice.open();
                } catch (RfmException e) {
                    System.err.println("rfm4j: the " + choice.name() + " backend failed to open (" + e.getMessage()
                            + "); using the fallback");
                }
            }
            return providers().stream().filter(p -> p.autoPriority() == 0).findFirst().orElseThrow().open();
        }
        BackendProvider p = provider(n);
        BackendProvider.Availability a = p.probe();
        if (!a.available()) {
            throw new RfmException(ErrorCode.BACKEND_UNAVAILABLE,
                    "backend '" + n + "' is unavailable: " + a.detail() + " (use " + AUTO + ", or another backend)");
        }
        return p.open();
    }

    private static String normalise(String name) {
        if (name == null || name.isBlank()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the backend name is empty: use " + describeNames());
        }
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
