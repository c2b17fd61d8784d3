# One image per service: docker build --build-arg SERVICE=chat-service -t rtchat/chat-service .
# (SERVICE is one of auth-service, group-service, chat-service, media-service, notification-service, gateway, standalone)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
ARG SERVICE=standalone
RUN mvn -B -q -DskipTests -pl ${SERVICE} -am package

FROM eclipse-temurin:17-jre
ARG SERVICE=standalone
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/rtchat-${SERVICE}.jar /app/app.jar
COPY --from=build /src/${SERVICE}/target/lib /app/lib
USER 10001
EXPOSE 8080 5701
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
