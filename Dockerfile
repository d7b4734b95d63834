# Sparkify Warehouse: builds the service from source and runs it on a Java 17 runtime.
#
#   docker build -t sparkify/warehouse .
#   docker run -i --rm -p 8080:8080 -v sparkify-data:/deployments/data sparkify/warehouse
#
# The image runs the embedded DuckDB engine by default, with its file under /deployments/data.
# For Redshift, pass the settings as environment variables (see README.md, "Redshift"):
#   docker run -i --rm -p 8080:8080 -e SPARKIFY_WAREHOUSE_ENGINE=redshift \
#     -e SPARKIFY_REDSHIFT_URL=jdbc:redshift://... -e SPARKIFY_REDSHIFT_PASSWORD=... \
#     -e SPARKIFY_REDSHIFT_IAM_ROLE=arn:aws:iam::...:role/... sparkify/warehouse

## Build stage: the Maven wrapper fetches Maven and the dependencies.
FROM registry.access.redhat.com/ubi9/openjdk-17:1.21 AS build
# Only the runtime image needs the unprivileged user; the build writes to /build.
USER root
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies first, so a source change does not download them again.
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# No class-data archive here: it serves only the JVM and jar path that wrote it, so the run stage writes its own.
RUN ./mvnw -B -q package -DskipTests -Dapp-cds.skip

## Run stage: the service's one jar and DuckDB's Linux libraries (loaded from beside it) on a JRE, as uid 185.
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21
ENV LANGUAGE='en_US:en'
COPY --from=build --chown=185 /build/target/quarkus-app/libduckdb_java.so_linux_* /deployments/
COPY --from=build --chown=185 /build/target/quarkus-app/quarkus-run.jar /deployments/
USER root
RUN mkdir -p /deployments/data && chown 185 /deployments/data
USER 185
WORKDIR /deployments
VOLUME /deployments/data
EXPOSE 8080
ENV SPARKIFY_DATA_DIR=/deployments/data
# The JVM settings BENCHMARKS.md measures (peak RSS and run times), as README's java -jar line: a fixed
# heap and the serial collector, instead of the image's default (a share of the container's memory and
# the parallel collector). bench/ starts the service with the same flags; ShippedJvmSettingsTest checks.
ENV GC_CONTAINER_OPTIONS="-XX:+UseSerialGC"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
# The class-data archive the service starts from (-XX:SharedArchiveFile below; README, "Running the packaged
# service"): the image's own launcher starts the service once, as the entry point will, up to its first
# readiness answer, and the JVM writes the classes it loaded as it exits. Written here, with this image's
# JVM and jar path, as an archive serves only those; if this fails the service starts without it (the JVM
# ignores a missing archive), only slower. As root, as /deployments may not be writable by the service's user;
# the archive is read-only for everyone.
USER root
RUN JAVA_OPTS_APPEND="-Xmx256m -Xms32m -XX:CompileThresholdScaling=4 -XX:ArchiveClassesAtExit=/deployments/app-cds.jsa -Dsparkify.exit-when-ready=true \
      -Dsparkify.data-dir=/tmp/app-cds-training -Dsparkify.api.token=app-cds-training \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
      /opt/jboss/container/java/run/run-java.sh > /tmp/app-cds-training.log 2>&1 \
    || echo "No class-data archive (/tmp/app-cds-training.log): the service starts without it"; \
    rm -rf /tmp/app-cds-training
USER 185
ENV JAVA_OPTS_APPEND="-Xmx256m -Xms32m -XX:CompileThresholdScaling=4 -XX:SharedArchiveFile=/deployments/app-cds.jsa -Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
