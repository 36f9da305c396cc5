package org.rfm4j.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Backend selection: "cpu", "cuda", or "auto" (CUDA when its library loads, a driver answers and
 * a device exists; otherwise CPU). The CUDA provider class is loaded by name, so a CPU-only build
 * or a missing native library simply makes it unavailable, with the reason.
 */
public final class Backends {
    static final String CPU_PROVIDER = "org.rfm4j.cpu.CpuBackendProvider";
    static final String CUDA_PROVIDER = "org.rfm4j.cuda.CudaBackendProvider";

    private Backends() {
    }

    /** All providers this build knows, CPU first. A provider whose class is missing is reported as such. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> out = new ArrayList<>();
        out.add(load(CPU_PROVIDER, "cpu"));
        out.add(load(CUDA_PROVIDER, "cuda"));
        return out;
    }

    /** The provider of that name ("cpu" or "cuda"). */
    public static BackendProvider provider(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (BackendProvider p : providers()) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown backend '" + name + "': use auto, cpu or cuda");
    }

    /** The backend "auto" opens: CUDA when it is available and may be picked automatically, else CPU. */
    public static String autoChoice() {
        BackendProvider.Availability cuda = provider("cuda").probe();
        return cuda.available() && cuda.automatic() ? "cuda" : "cpu";
    }

    /**
     * Opens a backend by name; "auto" tries CUDA, then CPU. For an explicit name that is
     * unavailable, throws BACKEND_UNAVAILABLE with the provider's reason.
     */
    public static ComputeBackend open(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("auto")) {
            BackendProvider cuda = provider("cuda");
            if (autoChoice().equals("cuda")) {
                try {
                    return cuda.open();
                } catch (RfmException e) {
                    // fall through to the CPU: auto never fails because a GPU misbehaves at open
                    System.err.println("rfm4j: CUDA backend failed to open (" + e.getMessage() + "); using the CPU");
                }
            }
            return provider("cpu").open();
        }
        BackendProvider p = provider(n);
        BackendProvider.Availability a = p.probe();
        if (!a.available()) {
            throw new RfmException(ErrorCode.BACKEND_UNAVAILABLE,
                    "backend '" + n + "' is unavailable: " + a.detail() + " (use --backend cpu, or auto)");
        }
        return p.open();
    }

    private static BackendProvider load(String className, String name) {
        try {
            Class<?> c = Class.forName(className);
            return (BackendProvider) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return new Missing(name, "this build has no " + name + " backend (class " + className + " not found)");
        } catch (ReflectiveOperationException | LinkageError e) {
            return new Missing(name, "the " + name + " backend failed to initialise: " + e.getMessage());
        }
    }

    /** Stands in for a provider whose class is not in this build. */
    private record Missing(String name, String reason) implements BackendProvider {
        @Override
        public Availability probe() {
            return Availability.no(reason);
        }

        @Override
        public ComputeBackend open() {
            throw new RfmException(ErrorCode.BACKEND_UNAVAILABLE, reason);
        }
    }
}
