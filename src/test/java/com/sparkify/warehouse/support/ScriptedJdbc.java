package com.sparkify.warehouse.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A JDBC {@link DataSource} that records every statement and transaction call and answers from a
 * script, for checking what SQL a component sends and in which transaction. It understands no SQL
 * and stands in for no database: answers are whatever the test scripts for a statement fragment.
 */
public final class ScriptedJdbc {

    /** A scripted answer to a statement: rows ({@code List<Object[]>}), an update count, or a thrown error. */
    @FunctionalInterface
    public interface Answer {
        Object answer(String sql, List<Object> parameters) throws SQLException;
    }

    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> script = new LinkedHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    /** Rows for a query. */
    public static Answer rows(Object[]... rows) {
        List<Object[]> list = Arrays.asList(rows);
        return (sql, parameters) -> list;
    }

    /** The statement fails with this message. */
    public static Answer fail(String message) {
        return (sql, parameters) -> {
            throw new SQLException(message, "XX000");
        };
    }

    /**
     * Answers statements containing {@code fragment} with the answers in turn, the last one repeating.
     * Fragments are tried in the order they were scripted.
     */
    public synchronized ScriptedJdbc on(String fragment, Answer... answers) {
        script.computeIfAbsent(fragment, f -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Every statement sent, in order, over all connections. */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    /** Connection and statement calls in order, e.g. {@code 1:setAutoCommit(false)}, {@code 1:commit}, {@code 2:cancel}. */
    public List<String> events() {
        return List.copyOf(events);
    }

    public DataSource dataSource() {
        return proxy(DataSource.class, (p, m, args) -> switch (m.getName()) {
            case "getConnection" -> connection(connections.incrementAndGet());
            default -> defaultValue(m);
        });
    }

    private synchronized Answer answerFor(String sql) {
        for (Map.Entry<String, Deque<Answer>> e : script.entrySet()) {
            if (sql.contains(e.getKey())) {
                Deque<Answer> answers = e.getValue();
                return answers.size() > 1 ? answers.poll() : answers.peek();
            }
        }
        return null;
    }

    private Object run(int connection, String sql, List<Object> parameters, String kind) throws SQLException {
        statements.add(sql);
        events.add(connection + ":" + kind);
        Answer answer = answerFor(sql);
        Object result = answer == null ? null : answer.answer(sql, parameters);
        return switch (kind) {
            case "executeQuery" -> resultSet(result instanceof List<?> rows ? rows : List.of());
            case "executeUpdate" -> result instanceof Integer n ? n : 0;
            default -> result instanceof List<?>;
        };
    }

    private Connection connection(int id) {
        boolean[] autoCommit = { true };
        return proxy(Connection.class, (p, m, args) -> switch (m.getName()) {
            case "createStatement" -> statement(id);
            case "prepareStatement" -> prepared(id, (String) args[0]);
            case "setAutoCommit" -> {
                autoCommit[0] = (Boolean) args[0];
                events.add(id + ":setAutoCommit(" + args[0] + ")");
                yield null;
            }
            case "getAutoCommit" -> autoCommit[0];
            case "commit", "rollback", "close" -> {
                events.add(id + ":" + m.getName());
                yield null;
            }
            default -> defaultValue(m);
        });
    }

    private Statement statement(int connection) {
        return proxy(Statement.class, (p, m, args) -> switch (m.getName()) {
            case "execute", "executeUpdate", "executeQuery" -> run(connection, (String) args[0], List.of(), m.getName());
            case "cancel" -> {
                events.add(connection + ":cancel");
                yield null;
            }
            default -> defaultValue(m);
        });
    }

    private PreparedStatement prepared(int connection, String sql) {
        List<Object> parameters = new ArrayList<>();
        return proxy(PreparedStatement.class, (p, m, args) -> {
            String name = m.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                while (parameters.size() < index) {
                    parameters.add(null);
                }
                parameters.set(index - 1, name.equals("setNull") ? null : args[1]);
                return null;
            }
            return switch (name) {
                case "execute", "executeUpdate", "executeQuery" -> run(connection, sql, java.util.Collections.unmodifiableList(new ArrayList<>(parameters)), name);
                case "executeBatch" -> {
                    run(connection, sql, new ArrayList<>(parameters), "executeUpdate"); // a batch is one statement sent
                    yield new int[0];
                }
                default -> defaultValue(m);
            };
        });
    }

    private static ResultSet resultSet(List<?> rows) {
        int[] row = { -1 };
        boolean[] wasNull = { false };
        return proxy(ResultSet.class, (p, m, args) -> {
            String name = m.getName();
            if (name.equals("next")) {
                return ++row[0] < rows.size();
            }
            if (name.equals("wasNull")) {
                return wasNull[0];
            }
            if (name.startsWith("get") && args != null && args.length == 1 && args[0] instanceof Integer column) {
                Object value = ((Object[]) rows.get(row[0]))[column - 1];
                wasNull[0] = value == null;
                return switch (name) {
                    case "getLong" -> value == null ? 0L : ((Number) value).longValue();
                    case "getInt" -> value == null ? 0 : ((Number) value).intValue();
                    case "getString" -> value == null ? null : value.toString();
                    default -> value;
                };
            }
            return defaultValue(m);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(ScriptedJdbc.class.getClassLoader(), new Class<?>[] { type },
                (InvocationHandler) (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> type.getSimpleName() + "@scripted";
                        };
                    }
                    try {
                        return handler.handle(proxy, method, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object proxy, Method method, Object[] args) throws Throwable;
    }

    private static Object defaultValue(Method m) {
        Class<?> r = m.getReturnType();
        if (r == boolean.class) {
            return false;
        }
        if (r == int.class || r == long.class || r == short.class || r == byte.class) {
            return r == long.class ? 0L : r == int.class ? 0 : r == short.class ? (short) 0 : (byte) 0;
        }
        if (r == double.class || r == float.class) {
            return r == double.class ? 0.0 : 0.0f;
        }
        return null;
    }
}
