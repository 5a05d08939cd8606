"""An independent S3 client (boto3) for the tests: makes buckets and says
what the bucket holds, so what tessera stored is checked by code no one
here wrote. One command a run; JSON on stdout.

  s3_check.py ENDPOINT ACCESS SECRET mkbucket BUCKET
  s3_check.py ENDPOINT ACCESS SECRET list BUCKET PREFIX      -> [{key, size, md5}]
  s3_check.py ENDPOINT ACCESS SECRET get BUCKET KEY PATH     -> {size}
  s3_check.py ENDPOINT ACCESS SECRET uploads BUCKET          -> [{key, uploadId}]
  s3_check.py ENDPOINT ACCESS SECRET buckets                 -> [name]
  s3_check.py ENDPOINT ACCESS SECRET put BUCKET KEY PATH     -> {etag}
"""
import hashlib
import json
import sys

import boto3
from botocore.config import Config


def main():
    endpoint, access, secret, command, *args = sys.argv[1:]
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=access, aws_secret_access_key=secret,
                      region_name="us-east-1", config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3}))
    if command == "mkbucket":
        s3.create_bucket(Bucket=args[0])
        print(json.dumps({"bucket": args[0]}))
    elif command == "list":
        bucket, prefix = args
        found = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
                found.append({"key": item["Key"], "size": item["Size"], "md5": hashlib.md5(body).hexdigest()})
        print(json.dumps(found))
    elif command == "get":
        bucket, key, path = args
        s3.download_file(bucket, key, path)
        with open(path, "rb") as f:
            print(json.dumps({"size": len(f.read())}))
    elif command == "buckets":
        print(json.dumps([b["Name"] for b in s3.list_buckets().get("Buckets", [])]))
    elif command == "uploads":
        answer = s3.list_multipart_uploads(Bucket=args[0])
        print(json.dumps([{"key": u["Key"], "uploadId": u["UploadId"]} for u in answer.get("Uploads", [])]))
    elif command == "put":
        bucket, key, path = args
        with open(path, "rb") as f:
            print(json.dumps({"etag": s3.put_object(Bucket=bucket, Key=key, Body=f.read())["ETag"]}))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
