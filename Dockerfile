# syntax=docker/dockerfile:1
# One image per process: docker build --build-arg SERVICE=chat-service -t <registry>/rtchat/chat-service:<tag> .
# SERVICE is one of auth-service, group-service, chat-service, ai-service, media-service, notification-service, gateway,
# standalone. Service images carry no embedded MongoDB/S3 (rtchat-embedded is a dependency of standalone only).
#
# Base images are pinned by digest: pass the digests you verified (docker buildx imagetools inspect <image>),
# e.g. --build-arg MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17@sha256:<digest>
#      --build-arg JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-noble@sha256:<digest>
# The build refuses an image reference without a digest.
ARG MAVEN_IMAGE
ARG JRE_IMAGE

FROM ${MAVEN_IMAGE} AS build
ARG MAVEN_IMAGE
RUN case "${MAVEN_IMAGE}" in *@sha256:*) ;; *) echo "MAVEN_IMAGE must be pinned by digest (image@sha256:...)" >&2; exit 1;; esac
WORKDIR /src
# Dependencies first: this layer is rebuilt only when a pom.xml changes, not on every source change.
COPY pom.xml ./
COPY common/pom.xml common/
COPY embedded/pom.xml embedded/
COPY runtime/pom.xml runtime/
COPY auth-service/pom.xml auth-service/
COPY group-service/pom.xml group-service/
COPY chat-service/pom.xml chat-service/
COPY ai-service/pom.xml ai-service/
COPY media-service/pom.xml media-service/
COPY notification-service/pom.xml notification-service/
COPY gateway/pom.xml gateway/
COPY standalone/pom.xml standalone/
COPY deploy-tests/pom.xml deploy-tests/
ARG SERVICE=standalone
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl ${SERVICE} -am dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl ${SERVICE} -am package \
 && mkdir -p /out && cp ${SERVICE}/target/rtchat-${SERVICE}.jar /out/app.jar && cp -r ${SERVICE}/target/lib /out/lib

FROM ${JRE_IMAGE}
ARG JRE_IMAGE
RUN case "${JRE_IMAGE}" in *@sha256:*) ;; *) echo "JRE_IMAGE must be pinned by digest (image@sha256:...)" >&2; exit 1;; esac
WORKDIR /app
# Libraries (rarely change) before the application jar (changes every build): smaller layers to push and pull.
COPY --from=build /out/lib /app/lib
COPY --from=build /out/app.jar /app/app.jar
# Non-root, numeric (Kubernetes runAsNonRoot checks a numeric user); the root filesystem may be read-only: Java
# writes only to /tmp, which the Deployments mount as an emptyDir.
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:MaxGCPauseMillis=15 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
EXPOSE 8080 8081 5701 5710
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
