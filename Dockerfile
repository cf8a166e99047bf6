# Peihuo's one image: the API (`serve`, the default), the job workers (`worker`), the scheduler
# beat (`scheduler`) and the migrations (`migrate`). See "Containers" in the README.
# No `# syntax=` line: BuildKit's built-in frontend reads this file (RUN --mount included)
# without pulling one from a registry. Both bases can be replaced by build arguments, e.g. by
# images made from Debian's packages (deploy/image/debian-bases.sh, docs/container-image.md).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:22-bookworm-slim

# 1. The web bundle, when frontend/ holds one (an empty dist/ otherwise). pyproject.toml is
#    named beside it only so that each COPY has a source while frontend/ does not exist.
FROM ${NODE_IMAGE} AS frontend
WORKDIR /src/frontend
COPY pyproject.toml frontend/package*.json ./
RUN if [ -f package.json ]; then npm ci --no-audit --no-fund; fi
# The build reads the API's schema and the console's example operations from beside frontend/.
COPY schema.graphql /src/
COPY api/graphql/console/examples /src/api/graphql/console/examples
COPY pyproject.toml frontend* ./
RUN if [ -f package.json ]; then npm run build; fi && mkdir -p dist

# 2. Wheels: Peihuo's and every dependency's, so the runtime installs without a compiler.
FROM ${PYTHON_IMAGE} AS wheels
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY api ./api
COPY domain ./domain
COPY migrations ./migrations
RUN pip wheel --wheel-dir /wheels .

# 3. The runtime: slim, no build tools, a non-root user, read-only but for /tmp.
FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    VIRTUAL_ENV=/opt/peihuo \
    PATH=/opt/peihuo/bin:$PATH \
    HOME=/tmp \
    TMPDIR=/tmp \
    PEIHUO_HOST=0.0.0.0 \
    PEIHUO_PORT=8000
RUN --mount=type=bind,from=wheels,source=/wheels,target=/wheels \
    python -m venv /opt/peihuo \
    && /opt/peihuo/bin/pip install --no-index --find-links /wheels peihuo \
    && groupadd --system --gid 10001 peihuo \
    && useradd --system --no-log-init --uid 10001 --gid peihuo --home-dir /tmp \
        --shell /usr/sbin/nologin peihuo
# Where the application looks for the bundle by default: frontend/dist beside its packages
# (domain.settings.PROJECT_ROOT).
COPY --from=frontend /src/frontend/dist /opt/peihuo/lib/python3.11/site-packages/frontend/dist
USER 10001:10001
WORKDIR /tmp
VOLUME ["/tmp"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PEIHUO_PORT', '8000'), timeout=4)"]
ENTRYPOINT ["peihuo"]
CMD ["serve", "--no-migrate", "--workers", "2"]
