package com.sparkify.warehouse.support;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StringReference;
import com.sun.jdi.Value;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;

/**
 * Holds a service process at a known point of its work, as a debugger does: the test names a method
 * and the arguments it waits for, and when the service calls it so, the whole JVM stops there (every
 * thread suspended) until the test kills it. This is how a crash test catches a run in the middle of a
 * step without a test hook in the service and without racing it: the packaged service is started with
 * a JDWP port ({@link ServiceProcess#startDebuggable}), and the JDK's own debugger interface does the rest.
 */
public final class Breakpoints implements AutoCloseable {

    private final VirtualMachine vm;
    private final List<Stop> stops = new CopyOnWriteArrayList<>();
    private final Thread events;

    private Breakpoints(VirtualMachine vm) {
        this.vm = vm;
        this.events = new Thread(this::dispatch, "breakpoints");
        events.setDaemon(true);
        events.start();
    }

    /** Attaches to a JVM listening for a debugger on {@code port} of the loopback interface. */
    static Breakpoints attach(int port) throws IOException {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.transport().name().equals("dt_socket")).findFirst()
                .orElseThrow(() -> new IllegalStateException("this JDK has no socket debugger connector"));
        Map<String, Connector.Argument> arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port));
        try {
            return new Breakpoints(socket.attach(arguments));
        } catch (IllegalConnectorArgumentsException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the JVM the first time {@code className.methodName} is entered with arguments that
     * {@code when} accepts (strings as {@link String}, other values as the debugger shows them).
     */
    public Stop at(String className, String methodName, Predicate<List<Object>> when) {
        Stop stop = new Stop(className, methodName, when);
        stops.add(stop);
        List<ReferenceType> loaded = vm.classesByName(className);
        if (loaded.isEmpty()) {
            ClassPrepareRequest prepared = vm.eventRequestManager().createClassPrepareRequest();
            prepared.addClassFilter(className);
            prepared.setSuspendPolicy(EventRequest.SUSPEND_ALL);
            prepared.enable();
            // The class may have been loaded between the look-up and the request.
            vm.classesByName(className).forEach(type -> arm(stop, type));
        } else {
            loaded.forEach(type -> arm(stop, type));
        }
        return stop;
    }

    private void arm(Stop stop, ReferenceType type) {
        for (Method method : type.methodsByName(stop.methodName)) {
            if (method.isBridge()) {
                // A covariant override's bridge calls the real method, which is armed too.
                continue;
            }
            boolean armed = vm.eventRequestManager().breakpointRequests().stream()
                    .anyMatch(r -> r.location().equals(method.location()));
            if (method.location() == null || armed) {
                continue;
            }
            BreakpointRequest request = vm.eventRequestManager().createBreakpointRequest(method.location());
            request.setSuspendPolicy(EventRequest.SUSPEND_ALL);
            request.enable();
        }
    }

    private void dispatch() {
        try {
            while (true) {
                EventSet set = vm.eventQueue().remove();
                boolean hold = false;
                for (Event event : set) {
                    if (event instanceof ClassPrepareEvent prepared) {
                        for (Stop stop : stops) {
                            if (stop.className.equals(prepared.referenceType().name())) {
                                arm(stop, prepared.referenceType());
                            }
                        }
                    } else if (event instanceof BreakpointEvent hit) {
                        try {
                            hold |= reached(hit);
                        } catch (RuntimeException e) {
                            // Never leave the service suspended on a hit that could not be read.
                            System.err.println("breakpoint at " + hit.location() + " not read: " + e);
                        }
                    }
                }
                if (!hold) {
                    set.resume();
                }
            }
        } catch (InterruptedException | VMDisconnectedException e) {
            // detached, or the process is gone: nothing left to stop
        }
    }

    private boolean reached(BreakpointEvent hit) {
        Method method = hit.location().method();
        List<Object> arguments;
        try {
            arguments = hit.thread().frame(0).getArgumentValues().stream().map(Breakpoints::plain).toList();
        } catch (IncompatibleThreadStateException e) {
            return false;
        }
        for (Stop stop : stops) {
            if (stop.reached.getCount() > 0 && stop.className.equals(method.declaringType().name())
                    && stop.methodName.equals(method.name()) && stop.when.test(arguments)) {
                stop.reached.countDown();
                return true;
            }
        }
        return false;
    }

    private static Object plain(Value value) {
        return value instanceof StringReference string ? string.value() : value;
    }

    @Override
    public void close() {
        try {
            vm.dispose();
        } catch (VMDisconnectedException e) {
            // already gone
        }
    }

    /** One armed stop; {@link #await(Duration)} returns once the JVM is held there. */
    public static final class Stop {
        private final String className;
        private final String methodName;
        private final Predicate<List<Object>> when;
        private final CountDownLatch reached = new CountDownLatch(1);

        private Stop(String className, String methodName, Predicate<List<Object>> when) {
            this.className = className;
            this.methodName = methodName;
            this.when = when;
        }

        /** Waits until the service is held here; fails the test after {@code limit}. */
        public void await(Duration limit) throws InterruptedException {
            if (!reached.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(className + "." + methodName + " was not reached within " + limit);
            }
        }
    }
}
